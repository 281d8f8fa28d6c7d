using System.Text.Json.Nodes;
using D365Xero.Hosting;
using D365Xero.Journal;
using D365Xero.Reconcile;
using D365Xero.RoundTrip;
using D365Xero.Tables;
using D365Xero.IntegrationTests.Settings;
using Microsoft.Extensions.Logging.Abstractions;

namespace D365Xero.IntegrationTests.Reconcile;

/// <summary>
/// Issue 14, master data stays one way: `reconcile` over real HTTP against both emulators, after the demo company is synced;
/// a contact edited in Xero (through Xero's own API, POST /Contacts/{id}) is reported, and `--fix` puts Dynamics' version back.
/// </summary>
public sealed class ReconcileTests
{
    private static async Task<SyncHarness> DemoAsync()
    {
        var h = await SyncHarness.StartAsync(dataverseSeed: "demo");
        await h.ProvisionAsync();
        await h.SyncOnceAsync(waitForRetries: true);
        await h.RestartConnectionAsync();
        await h.Xero.ResetStatsAsync();
        return h;
    }

    private static async Task<Link> LinkedAccountAsync(SyncHarness h) =>
        (await h.Store.GetLinksByStatusAsync(h.Connection.Name, SyncStatus.Synced, int.MaxValue, default))
        .First(l => l.Table == SyncedTables.Account.Name && l.XeroId is not null);

    private static Task RenameInXeroAsync(SyncHarness h, string contactId, string name) =>
        h.Xero.PostAsync($"api.xro/2.0/Contacts/{contactId}", new JsonObject { ["Contacts"] = new JsonArray(new JsonObject { ["Name"] = name }) });

    [Fact]
    public async Task The_synced_demo_reconciles_clean_and_the_calls_it_counts_are_the_calls_xero_answered()
    {
        await using var h = await DemoAsync();

        var report = await new Reconciler(h.Connection).RunAsync(default);

        Assert.True(report.Clean, string.Join("\n", report.Findings.Select(f => $"{f.Kind} {f.Table} {f.Name}: {string.Join(", ", f.Fields)}")));
        Assert.Contains(report.Tables, t => t.Table == "account" && t.Compared > 0);
        Assert.Contains(report.Tables, t => t.Table == "product" && t.Compared > 0);
        Assert.Equal(await h.Xero.ApiCallsAsync(), report.XeroCalls);
        Assert.Equal(await h.Xero.CallsAsync("GET /Contacts"), report.Calls.Where(c => c.Operation == "GET Contacts").Sum(c => c.Calls));
        Assert.Equal(1, report.Calls.Where(c => c.Operation == "GET Items").Sum(c => c.Calls));
        // The demo's contacts fit one page, its items one answer: two calls in all.
        Assert.Equal(2, report.XeroCalls);
    }

    [Fact]
    public async Task A_contact_renamed_in_xero_is_reported_as_exactly_that_difference()
    {
        await using var h = await DemoAsync();
        var link = await LinkedAccountAsync(h);
        var dynamicsName = (await h.Dynamics.GetAsync("accounts", link.DynamicsId)).Text("name");
        await RenameInXeroAsync(h, link.XeroId!, "Renamed in Xero Ltd");

        var report = await new Reconciler(h.Connection).RunAsync(default);

        var finding = Assert.Single(report.Findings);
        Assert.Equal((DriftKind.Differs, "account", link.DynamicsId, link.XeroId), (finding.Kind, finding.Table, finding.DynamicsId, finding.XeroId));
        Assert.Equal(new FieldDifference("Name", dynamicsName, "Renamed in Xero Ltd"), Assert.Single(finding.Fields));
        var drift = DriftLog.Summarise(await DriftLog.ReadAsync(h.Store, h.Connection.Name, default));
        Assert.Equal(new DriftSummary.TableDrift("account", 1, 0, 0), Assert.Single(drift.Tables));
    }

    [Fact]
    public async Task Reconcile_fix_puts_the_dynamics_name_back_in_xero_and_status_shows_the_drift_before_and_none_after()
    {
        await using var h = await DemoAsync();
        var link = await LinkedAccountAsync(h);
        var dynamicsName = (await h.Dynamics.GetAsync("accounts", link.DynamicsId)).Text("name");
        await RenameInXeroAsync(h, link.XeroId!, "Renamed in Xero Ltd");
        var settings = CliSettings(h);

        var found = await CliRun.RunAsync(settings, "reconcile");
        var status = await CliRun.RunAsync(settings, "status");
        var fixedRun = await CliRun.RunAsync(settings, "reconcile", "--fix");
        var after = await CliRun.RunAsync(settings, "reconcile", "--json");

        Assert.True(found.Exit == 1, found.Out + found.Error);
        Assert.Contains($"Name: Dynamics '{dynamicsName}', Xero 'Renamed in Xero Ltd'", found.Out);
        Assert.Contains("account 1 differing, 0 missing, 0 duplicate names", status.Out);
        Assert.Contains("1 rows queued to send Dynamics' version again", fixedRun.Out);
        Assert.Equal(dynamicsName, (await h.Xero.ContactAsync(link.XeroId!))!["Name"]!.GetValue<string>());
        Assert.True(after.Exit == 0, after.Out + after.Error);
        Assert.Empty(JsonNode.Parse(after.Out)!["reports"]![0]!["tables"]!.AsArray().SelectMany(t => t!["findings"]!.AsArray()));
        var drift = DriftLog.Summarise(await DriftLog.ReadAsync(h.Store, h.Connection.Name, default));
        Assert.Empty(drift.Tables);
    }

    [Fact]
    public async Task Contact_events_cost_no_read_for_our_own_echo_or_an_unlinked_contact_and_one_batched_read_otherwise()
    {
        await using var h = await DemoAsync();
        var link = await LinkedAccountAsync(h);
        var other = (await h.Store.GetLinksByStatusAsync(h.Connection.Name, SyncStatus.Synced, int.MaxValue, default))
            .First(l => l.Table == SyncedTables.Account.Name && l.XeroId is not null && l.DynamicsId != link.DynamicsId);
        await RenameInXeroAsync(h, link.XeroId!, "Renamed in Xero Ltd");
        await h.Xero.ResetStatsAsync();
        WorkItem Event(string contactId, long id) => new(id, h.Connection.Name, XeroEventQueues.Contact, Guid.Parse(contactId), 1, 0);
        var events = new[] { Event(link.XeroId!, 1), Event(other.XeroId!, 2), Event(Guid.NewGuid().ToString(), 3) };

        // Just synced: every event is taken for the echo of our own writes (or names no linked contact): no call.
        var echo = await new ContactDriftStep().WorkAsync(h.Connection, events, default);
        Assert.Equal((0, 0L), (echo, await h.Xero.ApiCallsAsync()));

        // Two minutes on: the two linked contacts are read in one call; the unlinked one is dropped without one.
        var later = new SkippingClock();
        later.Skip(TimeSpan.FromMinutes(2));
        var connection = await ConnectionFactory.CreateAsync(h.Settings, h.Store, later, NullLoggerFactory.Instance, default);
        var drifting = await new ContactDriftStep().WorkAsync(connection, events, default);

        Assert.Equal(1, drifting);
        Assert.Equal((1L, 1L), (await h.Xero.ApiCallsAsync(), await h.Xero.CallsAsync("GET /Contacts")));
        var state = await DriftLog.ReadAsync(h.Store, h.Connection.Name, default);
        var entry = Assert.Single(state.Records);
        Assert.Equal((link.DynamicsId, DriftKind.Differs, "Name"), (entry.DynamicsId, entry.Kind, Assert.Single(entry.Fields)));
    }

    [Fact]
    public async Task An_item_deleted_in_xero_is_missing_and_the_fix_sends_it_again_through_the_pipeline()
    {
        await using var h = await DemoAsync();
        var link = (await h.Store.GetLinksByStatusAsync(h.Connection.Name, SyncStatus.Synced, int.MaxValue, default))
            .First(l => l.Table == SyncedTables.Product.Name && l.XeroId is not null);
        var code = link.XeroNumber!;
        using (var xero = new XeroWrites(h.XeroEmulator.Url)) await xero.DeleteAsync($"api.xro/2.0/Items/{link.XeroId}");

        var report = await new Reconciler(h.Connection).RunAsync(default);
        var finding = Assert.Single(report.Findings);
        Assert.Equal((DriftKind.MissingInXero, link.DynamicsId), (finding.Kind, finding.DynamicsId));

        var queued = await ReconcileFix.QueueAsync(h.Store, report, default);
        Assert.Equal([new WorkKey("product", link.DynamicsId)], queued);
        await h.SyncOnceAsync(waitForRetries: true);

        var items = (await h.Xero.GetAsync("api.xro/2.0/Items"))["Items"]!.AsArray().Select(i => i!.AsObject()).ToList();
        var again = Assert.Single(items, i => i.Text("Code") == code);
        Assert.NotEqual(link.XeroId, again.Text("ItemID"));
        Assert.True((await new Reconciler(h.Connection).RunAsync(default)).Clean);
    }

    [Fact]
    public async Task An_archived_xero_contact_with_a_linked_contacts_name_is_a_duplicate_and_the_fix_leaves_it_to_a_person()
    {
        await using var h = await DemoAsync();
        var link = await LinkedAccountAsync(h);
        var name = (await h.Dynamics.GetAsync("accounts", link.DynamicsId)).Text("name")!;
        using var xero = new XeroWrites(h.XeroEmulator.Url);
        var twin = (await xero.PutAsync("api.xro/2.0/Contacts", new JsonObject
        {
            ["Contacts"] = new JsonArray(new JsonObject { ["Name"] = name.ToUpperInvariant(), ["ContactStatus"] = "ARCHIVED" }),
        }))["Contacts"]![0]!.AsObject().Text("ContactID");

        var report = await new Reconciler(h.Connection).RunAsync(default);

        var finding = Assert.Single(report.Findings);
        Assert.Equal((DriftKind.DuplicateName, link.DynamicsId, false), (finding.Kind, finding.DynamicsId, finding.Fixable));
        Assert.Equal(new XeroTwin(Guid.Parse(twin!), name.ToUpperInvariant(), "ARCHIVED", Linked: false), Assert.Single(finding.Twins!));
        Assert.Empty(await ReconcileFix.QueueAsync(h.Store, report, default));
    }

    /// <summary>The configuration a user would write for these emulators and the harness's store.</summary>
    private static Dictionary<string, string> CliSettings(SyncHarness h) => new()
    {
        ["Dataverse:Url"] = h.DataverseEmulator.Url.ToString().TrimEnd('/'),
        ["Dataverse:AuthorityUrl"] = h.DataverseEmulator.Url.ToString().TrimEnd('/'),
        ["Dataverse:TenantId"] = "sandbox",
        ["Dataverse:ClientId"] = "sandbox",
        ["Dataverse:ClientSecret"] = "sandbox",
        ["Xero:ApiUrl"] = h.XeroEmulator.Url.ToString().TrimEnd('/'),
        ["Xero:IdentityUrl"] = h.XeroEmulator.Url.ToString().TrimEnd('/'),
        ["Xero:ClientId"] = "sandbox",
        ["Xero:ClientSecret"] = "sandbox",
        ["Store:ConnectionString"] = $"Data Source={h.DbPath}",
    };
}
