using D365Xero.Hosting.Web;
using D365Xero.Source;
using D365Xero.Source.Dataverse;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace D365Xero.Bench;

/// <summary>
/// `serve` over a connector: the web host (webhook intake + the connection's worker + the poll backstop) on a free
/// loopback port, registered in Dataverse as `register-webhooks` does.
/// </summary>
public sealed class ServeHost : IAsyncDisposable
{
    private const string Secret = "bench-webhook-secret";
    private readonly WebApplication _app;

    private ServeHost(WebApplication app) => _app = app;

    public static async Task<ServeHost> StartAsync(ConnectorSetup connector, CancellationToken ct)
    {
        var settings = new ServeSettings { Urls = "http://127.0.0.1:0", WebhookSecret = Secret };
        var app = ConnectorWebApp.Build(connector.Runtime, settings);
        await app.StartAsync(ct);
        var bound = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        settings.WebhookPublicUrl = bound.TrimEnd('/') + "/webhooks/dataverse";
        // What `register-webhooks` does (RegisterWebhooksCommand.RegisterAsync, which lives in the CLI project).
        await new WebhookRegistrar(connector.Connection.Dataverse).RegisterAsync(
            new WebhookEndpoint("d365-xero", new Uri(settings.PublicWebhookUrl), Secret), WebhookPlan.Steps(), ct);
        return new ServeHost(app);
    }

    /// <summary>Until the connection's journal is empty (the worker has nothing left).</summary>
    public static async Task DrainedAsync(ConnectorSetup connector, CancellationToken ct)
    {
        var connection = connector.Connection;
        while ((await connection.Store.CountPendingAsync(connection.Name, ct)).Values.Sum() > 0) await Task.Delay(200, ct);
    }

    public Task StopAsync(CancellationToken ct) => _app.StopAsync(ct);

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
