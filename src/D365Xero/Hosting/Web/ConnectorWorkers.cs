using Microsoft.Extensions.Hosting;

namespace D365Xero.Hosting.Web;

/// <summary>Runs one <see cref="ConnectionWorker"/> per connection for as long as the host lives.</summary>
public sealed class ConnectorWorkers(ConnectorRuntime runtime, WorkSignal signal, ServeSettings settings) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(runtime.Connections.Select(c => new ConnectionWorker(c, signal, settings.Poll).RunAsync(stoppingToken)));
}
