using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;

namespace D365Xero.Hosting.Web;

/// <summary>What `serve` runs beside the web endpoints: the workers, their wake-up signal, metrics, and the service managers' hooks.</summary>
public static class ConnectorServeServices
{
    public static IServiceCollection AddConnectorServe(this IServiceCollection services, ServeSettings settings)
    {
        // Under systemd: Type=notify readiness and SIGTERM; under the Service Control Manager: a Windows
        // service. Each does nothing elsewhere
        // (https://learn.microsoft.com/dotnet/core/extensions/workers#hosting-models).
        services.AddSystemd();
        services.AddWindowsService();
        services.AddSingleton(settings);
        services.AddSingleton<WorkSignal>();
        services.AddSingleton<ConnectorMetrics>();
        services.AddHostedService<ConnectorWorkers>();
        services.AddOpenTelemetry().WithMetrics(m => m
            .AddMeter(ConnectorMetrics.MeterName)
            .AddPrometheusExporter());
        // Finish or hand back the batch in hand; a claimed batch is released on cancellation.
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        return services;
    }
}
