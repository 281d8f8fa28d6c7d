using System.Text;
using D365Xero.Configuration;
using D365Xero.Emulators.Xero;
using D365Xero.Hosting;
using D365Xero.Hosting.Web;
using D365Xero.RoundTrip;
using D365Xero.Sync;
using D365Xero.Target.Xero;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace D365Xero.IntegrationTests.RoundTrip;

/// <summary>
/// `serve`'s web app (<see cref="ConnectorWebApp"/>) over both emulators, with connections that take Xero's webhooks,
/// on a free loopback port. The write-back columns are not provisioned, so the workers stay paused and the journal
/// holds exactly what the intake queued.
/// </summary>
public sealed class XeroWebhookHarness : IAsyncDisposable
{
    public const string Key = "it-xero-webhook-key";

    /// <summary>The organisation of the emulator, which the first connection writes to.</summary>
    public static readonly Guid Tenant = XeroEmulator.FixedTenantId;

    private XeroWebhookHarness(SyncHarness sync, ConnectorRuntime runtime, ServeSettings settings, WebApplication app, HttpClient http)
    {
        Sync = sync;
        Settings = settings;
        Runtime = runtime;
        App = app;
        Http = http;
    }

    public SyncHarness Sync { get; }
    public ConnectorRuntime Runtime { get; }
    public ServeSettings Settings { get; }
    public WebApplication App { get; }
    public HttpClient Http { get; }
    public string First => Sync.Connection.Name;
    public Uri WebhookUrl => new(Http.BaseAddress!, "webhooks/xero");

    /// <param name="key">The first connection's Xero:WebhookKey (none when null).</param>
    /// <param name="tenant">The first connection's Xero:TenantId; none: learned from the emulator's /connections.</param>
    /// <param name="others">More connections ("other1", …) with these Xero settings, over the same emulators and store.</param>
    public static Task<XeroWebhookHarness> StartAsync(string? key = Key, Guid? tenant = null, params (string? Key, Guid? Tenant)[] others) =>
        StartAsync(key, tenant, null, others);

    /// <param name="configure">More settings of the first connection.</param>
    public static async Task<XeroWebhookHarness> StartAsync(string? key, Guid? tenant, Action<Dictionary<string, string?>>? configure, params (string? Key, Guid? Tenant)[] others)
    {
        var sync = await SyncHarness.StartAsync(configure: s =>
        {
            s["Xero:WebhookKey"] = key;
            s["Xero:TenantId"] = tenant?.ToString();
            configure?.Invoke(s);
        });
        var connections = new List<SyncConnection> { sync.Connection };
        foreach (var (i, other) in others.Index())
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Xero:ClientId"] = sync.Settings.Xero.ClientId,
                ["Xero:ClientSecret"] = sync.Settings.Xero.ClientSecret,
                ["Xero:ApiUrl"] = sync.Settings.Xero.ApiUrl.ToString(),
                ["Xero:IdentityUrl"] = sync.Settings.Xero.IdentityUrl.ToString(),
                ["Xero:WebhookKey"] = other.Key,
                ["Xero:TenantId"] = other.Tenant?.ToString(),
            }).Build();
            var settings = new ConnectionSettings
            {
                Name = $"other{i + 1}", Dataverse = sync.Settings.Dataverse, Sync = sync.Settings.Sync,
                Xero = SettingsBinder.Load<XeroOptions>(configuration, "Xero"),
            };
            connections.Add(await ConnectionFactory.CreateAsync(settings, sync.Store, TimeProvider.System, NullLoggerFactory.Instance, default));
        }
        var runtime = ConnectorRuntime.Create(sync.Store, connections, new ConfigurationBuilder().Build());
        var serve = new ServeSettings { Urls = "http://127.0.0.1:0" };
        var app = ConnectorWebApp.Build(runtime, serve);
        await app.StartAsync();
        var http = new HttpClient { BaseAddress = new Uri(app.Urls.First().TrimEnd('/') + "/") };
        return new XeroWebhookHarness(sync, runtime, serve, app, http);
    }

    /// <summary>POSTs <paramref name="body"/> as Xero would, signed with <paramref name="key"/> (no header when null).</summary>
    public async Task<HttpResponseMessage> PostAsync(string body, string? key = Key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "webhooks/xero") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (key is not null) request.Headers.Add(XeroWebhookSignature.Header, XeroWebhookSignature.Compute(Encoding.UTF8.GetBytes(body), key));
        return await Http.SendAsync(request);
    }

    /// <summary>A post of these events, laid out as Xero sends them (xero-webhooks.yaml 16.1.0).</summary>
    public static string Body(params (string Category, Guid Resource, Guid Tenant)[] events) => BodyAt(EventDate, events);

    /// <summary>When the events of <see cref="Body"/> happened in Xero.</summary>
    public static readonly DateTimeOffset EventDate = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    public static string BodyAt(DateTimeOffset at, params (string Category, Guid Resource, Guid Tenant)[] events)
    {
        var items = events.Select(e =>
            $$"""{"resourceUrl":"https://api.xero.com/api.xro/2.0/{{e.Category}}/{{e.Resource}}","resourceId":"{{e.Resource}}","eventDateUtc":"{{at.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fff}}","eventType":"UPDATE","eventCategory":"{{e.Category}}","tenantId":"{{e.Tenant}}","tenantType":"{{(e.Category == "SUBSCRIPTION" ? "APPLICATION" : "ORGANISATION")}}"}""");
        return $$"""{"events":[{{string.Join(",", items)}}],"firstEventSequence":1,"lastEventSequence":{{Math.Max(events.Length, 1)}},"entropy":"ABCDEFGHIJKLMNOPQRST"}""";
    }

    /// <summary>
    /// The id of an invoice the connector created for an order of <paramref name="connection"/> (its link in the store): only such
    /// invoices' events are queued. <paramref name="ourWrite"/> is Xero's time of the connector's own last write to it.
    /// </summary>
    public async Task<Guid> LinkedInvoiceAsync(string? connection = null, DateTimeOffset? ourWrite = null)
    {
        var invoice = Guid.NewGuid();
        await Sync.Store.UpsertLinksAsync([new D365Xero.Journal.Link
        {
            Connection = connection ?? First, Table = "salesorder", DynamicsId = Guid.NewGuid(), XeroId = invoice.ToString("D"),
            Status = D365Xero.Journal.SyncStatus.Synced, Detail = new D365Xero.Sync.LinkDetail { XeroUpdated = ourWrite }.ToJson(),
        }], default);
        return invoice;
    }

    /// <summary>Journal entries per table for a connection (claimed or not).</summary>
    public async Task<IReadOnlyDictionary<string, long>> PendingAsync(string connection) => await Sync.Store.CountPendingAsync(connection, default);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        await Sync.DisposeAsync();
    }
}
