using System.Net;
using System.Threading.Channels;
using D365Xero.Source;
using D365Xero.Source.Dataverse;
using D365Xero.Source.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace D365Xero.Bench.Baseline;

/// <summary>
/// The per-record baselines' trigger (a Logic App's "when a row is changed"): the connector's own webhook steps, same filtering
/// attributes so a write-back does not trigger again, posted to a small receiver that hands on each changed account's id.
/// Starting it also provisions the write-back columns, as `provision` would.
/// </summary>
public sealed class TriggerReceiver : IAsyncDisposable
{
    private readonly Channel<Guid> _changes = Channel.CreateUnbounded<Guid>();
    private WebApplication _app = null!;

    private TriggerReceiver() { }

    /// <summary>Accounts changed, in the order their posts arrived.</summary>
    public ChannelReader<Guid> Changes => _changes.Reader;

    public static async Task<TriggerReceiver> StartAsync(EmulatorProcess emulators, CancellationToken ct)
    {
        var receiver = new TriggerReceiver();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        receiver._app = builder.Build();
        receiver._app.MapPost("/trigger", async (HttpContext http) =>
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
            var (notice, _) = RemoteExecutionContextParser.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
            if (notice is { Table: "account" }) receiver._changes.Writer.TryWrite(notice.Id);
            return Results.Accepted();
        });
        await receiver._app.StartAsync(ct);
        var url = receiver._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        await using var setup = await ConnectorSetup.OpenAsync(emulators, ct);
        await setup.ProvisionAsync(ct);
        await new WebhookRegistrar(setup.Connection.Dataverse).RegisterAsync(
            new WebhookEndpoint("logic-app", new Uri(url.TrimEnd('/') + "/trigger"), "unused"), WebhookPlan.Steps(), ct);
        return receiver;
    }

    public Task StopAsync(CancellationToken ct) => _app.StopAsync(ct);

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
