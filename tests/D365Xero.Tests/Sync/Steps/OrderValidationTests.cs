using D365Xero.Journal;
using D365Xero.Source.Rows;
using D365Xero.Sync;
using D365Xero.Tables;

namespace D365Xero.Tests.Sync.Steps;

/// <summary>
/// Pre-send validation on fakes: an order whose invoice would use a value Xero's settings do not allow is
/// stopped in Plan with words naming the field, the value and what Xero allows; no Xero write is spent on it;
/// once the settings or the options are fixed, the next pass sends it.
/// </summary>
public sealed class OrderValidationTests
{
    public static TheoryData<string, string> Rules => new()
    {
        { "archived account", "Account code 205 is archived in Xero; active sales accounts: 200 Sales, 260 Other Revenue." },
        { "not a sales account", "Account code 400 (Advertising) is not a sales account in Xero (type EXPENSE); active sales accounts: 200 Sales, 260 Other Revenue." },
        { "tax type for purchases", "Tax type INPUT (Tax on Purchases) cannot be used on a sales account in Xero; active sales tax types: NONE (Tax Exempt), OUTPUT (Tax on Sales)." },
        { "currency not enabled", "Currency GBP is not enabled in Xero; enabled currencies: USD, EUR." },
        { "lock date", "Invoice date 2026-12-01 is on or before Xero's period lock date (2026-12-01); only dates after it are accepted." },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public async Task An_order_breaking_a_rule_is_stopped_with_its_reason_costs_no_write_and_goes_once_fixed(string rule, string message)
    {
        var rig = new StepRig();
        var order = await SyncableOrderAsync(rig);
        Action fix = Break(rig, rule);

        await rig.WorkAsync(SyncedTables.Order, order);

        var refused = rig.LinkOf(SyncedTables.Order, order);
        Assert.Equal((SyncStatus.Error, message), (refused.Status, refused.LastError));
        Assert.True(LinkDetail.Parse(refused.Detail).RefusedBeforeSend);
        Assert.Equal(message, rig.Dynamics.Written[("salesorder", order)].Error);
        Assert.DoesNotContain(rig.Xero.Calls, c => c.StartsWith("POST", StringComparison.Ordinal));

        fix();
        await rig.WorkAsync(SyncedTables.Order, order);

        var synced = rig.LinkOf(SyncedTables.Order, order);
        Assert.Equal((SyncStatus.Synced, null), (synced.Status, LinkDetail.Parse(synced.Detail).RefusedBeforeSend));
        Assert.Single(rig.Xero.Invoices);
    }

    private static Action Break(StepRig rig, string rule)
    {
        var settings = rig.Xero.Settings;
        switch (rule)
        {
            case "archived account":
                rig.Options.SalesAccountCode = "205";
                return () => settings.Accounts = settings.Accounts.Select(a => a.Code == "205" ? a with { Status = "ACTIVE" } : a).ToList();
            case "not a sales account":
                rig.Options.SalesAccountCode = "400";
                return () => rig.Options.SalesAccountCode = "260";
            case "tax type for purchases":
                rig.Options.TaxType = "INPUT";
                return () => rig.Options.TaxType = null;
            case "currency not enabled":
                rig.Dynamics.Currencies[FakeDynamics.Usd] = "GBP";
                return () => settings.Currencies.Add(new() { Code = "GBP" });
            default:
                settings.Organisation = settings.Organisation with { PeriodLockDate = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero) };
                return () => settings.Organisation = settings.Organisation with { PeriodLockDate = new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero) };
        }
    }

    /// <summary>An order whose customer and product are already in Xero: all it needs is a valid invoice.</summary>
    internal static async Task<Guid> SyncableOrderAsync(StepRig rig)
    {
        var (customer, product) = (Guid.NewGuid(), Guid.NewGuid());
        var order = new SalesOrderRow { Id = Guid.NewGuid(), OrderNumber = "ORD-9", Customer = new EntityRef("account", customer), CurrencyId = FakeDynamics.Usd, SubmitDate = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), State = SalesOrderState.Active };
        rig.Dynamics.Orders[order.Id] = order;
        rig.Dynamics.Lines.Add(new SalesOrderLineRow { Id = Guid.NewGuid(), OrderId = order.Id, ProductId = product, Quantity = 1, PricePerUnit = 10, BaseAmount = 10, LineItemNumber = 1 });
        await rig.Store.UpsertLinksAsync(
        [
            new Link { Connection = "test", Table = "account", DynamicsId = customer, XeroId = Guid.NewGuid().ToString(), Status = SyncStatus.Synced },
            new Link { Connection = "test", Table = "product", DynamicsId = product, XeroId = Guid.NewGuid().ToString(), XeroNumber = "BIKE-1", Status = SyncStatus.Synced },
        ], default);
        return order.Id;
    }
}
