using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using D365Xero.Configuration;
using D365Xero.Hosting;
using D365Xero.Hosting.Web;
using D365Xero.Source.Dataverse;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using D365Xero.Sync;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace D365Xero.IntegrationTests;

/// <summary>
/// `serve` over both emulators: a <see cref="SyncHarness"/> plus the one web app users run
/// (<see cref="ConnectorWebApp"/>: webhook intake, the connection's worker, status API) on a free
/// loopback port. The app can be stopped and started again over the same store.
/// </summary>
public sealed class ServeHarness : IAsyncDisposable
{
    public const string Secret = "it-webhook-secret";

    private ServeHarness(SyncHarness sync, ServeSettings settings, SyncConnection? other)
    {
        Sync = sync;
        Settings = settings;
        Runtime = ConnectorRuntime.Create(sync.Store, other is null ? [sync.Connection] : [sync.Connection, other], new ConfigurationBuilder().Build());
    }

    public SyncHarness Sync { get; }
    public ServeSettings Settings { get; }
    public ConnectorRuntime Runtime { get; }
    public WebApplication? App { get; private set; }
    public HttpClient Http { get; private set; } = null!;
    public string ConnectionName => Sync.Connection.Name;

    /// <param name="provision">False leaves the write-back columns missing, so the worker stays paused and the journal holds still.</param>
    /// <param name="pollInterval">Sync:PollInterval; default 30 s, so only a webhook delivers within a test's wait.</param>
    /// <param name="otherOrganisation">Adds a second connection, named "other", whose Dataverse is at this (unreachable) URL.</param>
    /// <param name="configure">More settings of the connection (e.g. Xero:WebhookKey).</param>
    public static async Task<ServeHarness> StartAsync(bool provision = true, TimeSpan? pollInterval = null, bool poll = true, string? otherOrganisation = null, WebhookLimits? webhookLimits = null, Tables.TableRegistry? tables = null,
        Action<Dictionary<string, string?>>? configure = null)
    {
        var sync = await SyncHarness.StartAsync(configure: s =>
        {
            if (pollInterval is { } interval) s["Sync:PollInterval"] = interval.ToString("c");
            configure?.Invoke(s);
        });
        if (tables is not null) sync.UseTables(tables);
        // The tests read Xero through its API as often as they like; that must not spend the connector's budget.
        await sync.Xero.ControlAsync("limits", new JsonObject { ["minuteLimit"] = 1_000_000, ["dayLimit"] = 10_000_000, ["concurrentLimit"] = 100 });
        if (provision) await sync.ProvisionAsync();
        SyncConnection? other = null;
        if (otherOrganisation is not null)
        {
            var settings = new ConnectionSettings { Name = "other", Dataverse = new DataverseOptions { Url = otherOrganisation }, Xero = sync.Settings.Xero, Sync = sync.Settings.Sync };
            other = await ConnectionFactory.CreateAsync(settings, sync.Store, TimeProvider.System, NullLoggerFactory.Instance, default);
        }
        var harness = new ServeHarness(sync, new ServeSettings { Urls = "http://127.0.0.1:0", WebhookSecret = Secret, Poll = poll, WebhookLimits = webhookLimits ?? new() }, other);
        await harness.StartAppAsync();
        return harness;
    }

    public async Task StartAppAsync()
    {
        if (App is not null) throw new InvalidOperationException("The app is running.");
        App = ConnectorWebApp.Build(Runtime, Settings);
        await App.StartAsync();
        var url = App.Urls.First().TrimEnd('/');
        Settings.WebhookPublicUrl = url + "/webhooks/dataverse";
        Http = new HttpClient { BaseAddress = new Uri(url + "/") };
    }

    public async Task StopAppAsync()
    {
        if (App is null) return;
        await App.StopAsync();
        await App.DisposeAsync();
        Http.Dispose();
        App = null;
    }

    /// <summary>What `register-webhooks` does, for this app's address.</summary>
    public Task<WebhookRegistrationResult> RegisterWebhooksAsync() => WebhookRegistration.RegisterAsync(Sync.Connection.Dataverse, Settings);

    /// <summary>Posts a body to the webhook endpoint as Dataverse would, with the given secret (none when null).</summary>
    public async Task<HttpResponseMessage> PostWebhookAsync(string body, string? secret = Secret, bool sizeExceeded = false, string? organisation = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "webhooks/dataverse")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (secret is not null) request.Headers.Add(WebhookRegistrar.SecretHeader, secret);
        request.Headers.Add("x-ms-dynamics-organization", organisation ?? Sync.DataverseEmulator.Url.Authority);
        if (sizeExceeded) request.Headers.Add("x-ms-dynamics-msg-size-exceeded", "true");
        return await Http.SendAsync(request);
    }

    /// <summary>Journal entries of the connection, claimed or not.</summary>
    public async Task<long> JournalCountAsync(string? connection = null) => (await Sync.Store.CountPendingAsync(connection ?? ConnectionName, default)).Values.Sum();

    /// <summary>Journal entries some worker holds a claim on.</summary>
    public async Task<long> ClaimedCountAsync()
    {
        await using var db = new SqliteConnection($"Data Source={Sync.DbPath}");
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM journal WHERE claimed_by IS NOT NULL";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Runs SQL on the store's file behind the connector's back (to make the journal fail on purpose).</summary>
    public async Task ExecuteSqlAsync(string sql)
    {
        await using var db = new SqliteConnection($"Data Source={Sync.DbPath}");
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Changes the app reports as synced for this row (its status API's latest changes).</summary>
    public async Task<int> SyncedChangesAsync(string table, Guid id)
    {
        var status = (await Http.GetFromJsonAsync<JsonObject>("api/status"))!;
        return status["recent"]![ConnectionName]!.AsArray()
            .Count(c => c!["table"]!.GetValue<string>() == table && c["id"]!.GetValue<Guid>() == id);
    }

    /// <summary>The Xero contact of an account, by the ContactNumber the connector gives it.</summary>
    public Task<JsonObject?> XeroContactOfAsync(Guid accountId) => Sync.Xero.ContactAsync("D365-" + accountId.ToString("N"));

    /// <summary>Polls a condition on real HTTP state until it holds or the time is up; never sleeps a fixed time to "let things happen".</summary>
    public static async Task<TimeSpan> WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null, int everyMs = 20)
    {
        var clock = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(10);
        while (!await condition())
        {
            if (clock.Elapsed > limit) throw new TimeoutException($"Gave up after {limit.TotalSeconds:0.#} s waiting for {what}.");
            await Task.Delay(everyMs);
        }
        return clock.Elapsed;
    }

    /// <summary>
    /// Waits for a count to reach its target while it keeps rising: gives up only when it has not risen for <paramref name="stall"/>
    /// (a machine under load is slower, not stuck), and says how far it got. Returns the time it took.
    /// </summary>
    /// <param name="explain">What to add to the message when it gives up (the state that says why it stopped).</param>
    public static async Task<TimeSpan> WaitForCountAsync(Func<Task<int>> count, int target, string what, TimeSpan stall, Func<Task<string>>? explain = null, int everyMs = 200)
    {
        var clock = Stopwatch.StartNew();
        var best = -1;
        var risen = clock.Elapsed;
        while (true)
        {
            var now = await count();
            if (now >= target) return clock.Elapsed;
            if (now > best) { best = now; risen = clock.Elapsed; }
            else if (clock.Elapsed - risen > stall)
                throw new TimeoutException($"Gave up waiting for {what}: {best} of {target} after {clock.Elapsed.TotalSeconds:0} s, none more for {stall.TotalSeconds:0} s."
                    + (explain is null ? "" : "\n" + await explain()));
            await Task.Delay(everyMs);
        }
    }

    /// <summary>The connector's status API and the Xero emulator's webhook state, for a test's message when a wait gives up.</summary>
    public async Task<string> ExplainAsync() =>
        $"status: {await Http.GetStringAsync("api/status")}\nXero webhooks: {(await Sync.Xero.GetAsync("_emulator/webhooks")).ToJsonString()}";

    /// <summary>A RemoteExecutionContext as Dataverse posts it (tests/fixtures/dataverse/webhook-*.json), trimmed when the size was exceeded.</summary>
    public static string Body(string message, string table, Guid id, JsonObject? attributes = null, DateTimeOffset? at = null, bool sizeExceeded = false)
    {
        var when = $"/Date({(at ?? DateTimeOffset.UtcNow).ToUnixTimeMilliseconds()})/";
        var context = new JsonObject
        {
            ["BusinessUnitId"] = Guid.NewGuid().ToString("D"),
            ["CorrelationId"] = Guid.NewGuid().ToString("D"),
            ["Depth"] = 1,
            ["InitiatingUserId"] = Guid.NewGuid().ToString("D"),
            ["IsExecutingOffline"] = false,
            ["IsInTransaction"] = false,
            ["IsOfflinePlayback"] = false,
            ["IsolationMode"] = 1,
            ["MessageName"] = message,
            ["Mode"] = 1,
            ["OperationCreatedOn"] = when,
            ["OperationId"] = Guid.NewGuid().ToString("D"),
            ["OrganizationId"] = Guid.NewGuid().ToString("D"),
            ["OrganizationName"] = "emulator",
            ["OutputParameters"] = new JsonArray(),
            ["OwningExtension"] = new JsonObject
            {
                ["Id"] = Guid.NewGuid().ToString("D"), ["KeyAttributes"] = new JsonArray(), ["LogicalName"] = "sdkmessageprocessingstep",
                ["Name"] = $"d365-xero: {message} of {table}", ["RowVersion"] = null,
            },
            ["PrimaryEntityId"] = id.ToString("D"),
            ["PrimaryEntityName"] = table,
            ["RequestId"] = Guid.NewGuid().ToString("D"),
            ["SecondaryEntityName"] = "none",
            ["SharedVariables"] = new JsonArray(),
            ["Stage"] = 40,
            ["UserId"] = Guid.NewGuid().ToString("D"),
        };
        if (!sizeExceeded)
        {
            var pairs = new JsonArray { new JsonObject { ["key"] = table + "id", ["value"] = id.ToString("D") } };
            foreach (var (key, value) in attributes ?? []) pairs.Add(new JsonObject { ["key"] = key, ["value"] = value?.DeepClone() });
            context["InputParameters"] = new JsonArray
            {
                new JsonObject
                {
                    ["key"] = "Target",
                    ["value"] = new JsonObject
                    {
                        ["__type"] = "Entity:http://schemas.microsoft.com/xrm/2011/Contracts",
                        ["Attributes"] = pairs, ["EntityState"] = null, ["FormattedValues"] = new JsonArray(),
                        ["Id"] = id.ToString("D"), ["KeyAttributes"] = new JsonArray(), ["LogicalName"] = table,
                        ["RelatedEntities"] = new JsonArray(), ["RowVersion"] = null,
                    },
                },
            };
            context["ParentContext"] = null;
            context["PostEntityImages"] = new JsonArray();
            context["PreEntityImages"] = new JsonArray();
        }
        return context.ToJsonString().Replace("/", "\\/");
    }

    public async ValueTask DisposeAsync()
    {
        await StopAppAsync();
        await Sync.DisposeAsync();
    }
}
