using System.Collections.Concurrent;
using System.Net;
using D365Xero.Hosting;
using D365Xero.Journal;
using D365Xero.Source;
using D365Xero.Sync;
using D365Xero.Sync.Steps;
using D365Xero.Tables;
using D365Xero.WriteBack;

namespace D365Xero.IntegrationTests;

/// <summary>
/// A table is declared once: a throw-away declaration (Dataverse's currency table, which the connector
/// does not sync) is seen by provisioning, `check`, webhook registration, webhook intake, change
/// capture, the drain, write-back and `status`, with no other line of code naming it.
/// </summary>
public sealed class TableRegistryTests
{
    private const string Currency = "transactioncurrency";

    private static readonly ConcurrentDictionary<Guid, int> Worked = new();

    /// <summary>Marks each currency it is handed as synced, on its link and on its Dynamics row.</summary>
    private sealed class CurrencyStep(StepServices s) : ISyncStep
    {
        public async Task<IReadOnlyDictionary<Guid, TimeSpan>> WorkAsync(IReadOnlyList<WorkItem> items, CancellationToken ct)
        {
            foreach (var item in items) Worked.AddOrUpdate(item.DynamicsId, 1, (_, n) => n + 1);
            await s.Store.UpsertLinksAsync(items.Select(i => new Link
            {
                Connection = s.Connection, Table = Currency, DynamicsId = i.DynamicsId, Status = SyncStatus.Synced, SyncedAt = s.Time.GetUtcNow(),
            }), ct);
            await s.WriteBack.WriteAsync(Currency, items.Select(i => new RowWriteBack(i.DynamicsId, "Synced", null, Sent: true)),
                new Dictionary<Guid, System.Text.Json.Nodes.JsonObject>(), ct);
            return new Dictionary<Guid, TimeSpan>();
        }

        public Task<IReadOnlyList<PlannedChange>> PreviewAsync(IReadOnlyList<Guid> ids, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<PlannedChange>>(ids.Select(id => new PlannedChange(Currency, id, null, PlannedAction.Create, null)).ToList());
    }

    private static readonly SyncedTable Declared = new()
    {
        Name = Currency, Noun = "currency", EntitySet = "transactioncurrencies", Key = "transactioncurrencyid", NameColumn = "currencyname",
        Columns = ["currencyname", "isocurrencycode"], DrainOrder = 5, WriteBack = WriteBackColumnSpec.Standard(), Step = s => new CurrencyStep(s),
    };

    private static readonly TableRegistry Registry = SyncedTables.Default.With(Declared);

    [Fact]
    public async Task A_declared_table_is_provisioned_checked_captured_drained_written_back_and_counted()
    {
        await using var h = await SyncHarness.StartAsync(dataverseSeed: "demo");
        h.UseTables(Registry);

        var created = await new ColumnProvisioner(h.Connection.Dataverse, h.Connection.Columns).ProvisionAsync(default);
        Assert.Contains($"{Currency}.xero_syncstatus", created);

        var check = await new ConnectionCheck(h.Connection).RunAsync(default);
        Assert.Contains(check, r => r.Name == $"Change tracking: {Currency}" && r.Passed);
        Assert.Contains(check, r => r.Name == $"Write-back columns: {Currency}" && r.Passed);

        Assert.Equal(3, WebhookPlan.Steps(Registry).Count(s => s.Table == Currency));

        await h.SyncOnceAsync();
        var currencies = await h.Dynamics.QueryAsync("transactioncurrencies?$select=transactioncurrencyid,xero_syncstatus");
        Assert.NotEmpty(currencies);
        Assert.All(currencies, row =>
        {
            Assert.Equal("Synced", row.Text("xero_syncstatus"));
            Assert.True(Worked.ContainsKey(Guid.Parse(row.Text("transactioncurrencyid")!)));
        });

        var status = await StatusReport.ReadAsync(h.Store, Registry, [h.Connection.Name], 10, default);
        var row = Assert.Single(status.Connections[0].Tables, t => t.Table == Currency);
        Assert.Equal(currencies.Count, row.Synced);
        Assert.True(row.Tracked);

        var plan = await new BackfillPreview(h.Connection).PlanAsync(null, default);
        Assert.Equal(currencies.Count, plan.Count(p => p.Table == Currency));
    }

    [Fact]
    public async Task A_webhook_for_a_declared_table_is_queued_and_one_for_an_undeclared_table_is_refused()
    {
        await using var h = await ServeHarness.StartAsync(poll: false, tables: Registry);
        var id = Guid.NewGuid();
        using var accepted = await h.PostWebhookAsync(ServeHarness.Body("Update", Currency, id));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        using var refused = await h.PostWebhookAsync(ServeHarness.Body("Update", "lead", Guid.NewGuid()));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("lead", await refused.Content.ReadAsStringAsync());
    }
}
