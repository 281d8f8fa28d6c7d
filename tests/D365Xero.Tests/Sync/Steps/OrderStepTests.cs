using D365Xero.Journal;
using D365Xero.Source.Rows;
using D365Xero.Sync;
using D365Xero.Tables;

namespace D365Xero.Tests.Sync.Steps;

/// <summary>The order step on fakes: an order waits for its customer and products, and fails when one of them cannot arrive.</summary>
public sealed class OrderStepTests
{
    private static (SalesOrderRow Order, SalesOrderLineRow Line) Order(Guid customer, Guid product)
    {
        var order = new SalesOrderRow { Id = Guid.NewGuid(), OrderNumber = "ORD-1", Customer = new EntityRef("account", customer), CurrencyId = FakeDynamics.Usd, SubmitDate = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), State = SalesOrderState.Active };
        var line = new SalesOrderLineRow { Id = Guid.NewGuid(), OrderId = order.Id, ProductId = product, Quantity = 1, PricePerUnit = 10, BaseAmount = 10, LineItemNumber = 1 };
        return (order, line);
    }

    [Fact]
    public async Task An_order_whose_customer_and_product_are_not_in_xero_waits_and_queues_them()
    {
        var rig = new StepRig();
        var (customer, product) = (Guid.NewGuid(), Guid.NewGuid());
        var (order, line) = Order(customer, product);
        rig.Dynamics.Orders[order.Id] = order;
        rig.Dynamics.Lines.Add(line);

        var waiting = await rig.WorkAsync(SyncedTables.Order, order.Id);

        Assert.Equal([(order.Id, TimeSpan.FromSeconds(5))], waiting.Select(w => (w.Key, w.Value)));
        Assert.Equal([new WorkKey("account", customer), new WorkKey("product", product)], rig.Store.Queued.OrderBy(k => k.Table, StringComparer.Ordinal));
        Assert.DoesNotContain(rig.Xero.Calls, c => c.StartsWith("POST"));
        Assert.False(rig.Store.Links.ContainsKey(("salesorder", order.Id)));
    }

    [Fact]
    public async Task An_order_whose_customer_failed_fails_saying_which_and_why()
    {
        var rig = new StepRig();
        var (customer, product) = (Guid.NewGuid(), Guid.NewGuid());
        var (order, line) = Order(customer, product);
        rig.Dynamics.Orders[order.Id] = order;
        rig.Dynamics.Lines.Add(line);
        await rig.Store.UpsertLinksAsync([new Link { Connection = "test", Table = "account", DynamicsId = customer, Status = SyncStatus.Error, LastError = "The account has no name." }], default);

        var waiting = await rig.WorkAsync(SyncedTables.Order, order.Id);

        Assert.Empty(waiting);
        var link = rig.LinkOf(SyncedTables.Order, order.Id);
        Assert.Equal(SyncStatus.Error, link.Status);
        Assert.Equal($"The order cannot reach Xero because its customer {customer} could not be synced (The account has no name.).", link.LastError);
        Assert.Equal("Error", rig.Dynamics.Written[("salesorder", order.Id)].Status);
    }

    [Fact]
    public async Task An_order_whose_customer_and_product_are_in_xero_becomes_an_invoice_with_its_number_written_back()
    {
        var rig = new StepRig();
        var (customer, product) = (Guid.NewGuid(), Guid.NewGuid());
        var (order, line) = Order(customer, product);
        rig.Dynamics.Orders[order.Id] = order;
        rig.Dynamics.Lines.Add(line);
        await rig.Store.UpsertLinksAsync(
        [
            new Link { Connection = "test", Table = "account", DynamicsId = customer, XeroId = Guid.NewGuid().ToString(), Status = SyncStatus.Synced },
            new Link { Connection = "test", Table = "product", DynamicsId = product, XeroId = Guid.NewGuid().ToString(), XeroNumber = "BIKE-1", Status = SyncStatus.Synced },
        ], default);

        await rig.WorkAsync(SyncedTables.Order, order.Id);

        var invoice = Assert.Single(rig.Xero.Invoices);
        Assert.Equal(("ORD-1", "BIKE-1"), (invoice.Reference, invoice.LineItems![0].ItemCode));
        var row = rig.Dynamics.Written[("salesorder", order.Id)];
        Assert.Equal(("Synced", invoice.InvoiceID.ToString(), invoice.InvoiceNumber), (row.Status, row.XeroId, row.XeroNumber));
        Assert.Equal(order.Id, LinkDetail.Parse(rig.LinkOf(SyncedTables.OrderLine, line.Id).Detail).Parent);
    }

    [Fact]
    public async Task A_new_order_without_lines_waits_pending_for_them_and_fails_only_once_the_wait_is_over()
    {
        var rig = new StepRig();
        var (customer, product) = (Guid.NewGuid(), Guid.NewGuid());
        var (order, _) = Order(customer, product);
        order = order with { CreatedOn = rig.Time.GetUtcNow() };
        rig.Dynamics.Orders[order.Id] = order;

        var waiting = await rig.WorkAsync(SyncedTables.Order, order.Id);

        Assert.Equal(TimeSpan.FromMinutes(10), waiting[order.Id]);
        var pending = rig.LinkOf(SyncedTables.Order, order.Id);
        Assert.Equal(SyncStatus.Pending, pending.Status);
        Assert.StartsWith("Waiting for its lines", pending.LastError);
        Assert.Equal("Pending", rig.Dynamics.Written[("salesorder", order.Id)].Status);
        Assert.Equal(0, rig.Counters.For("salesorder").Failed);
        Assert.DoesNotContain(rig.Xero.Calls, c => c.StartsWith("POST"));

        rig.Time.Advance(TimeSpan.FromMinutes(10));
        waiting = await rig.WorkAsync(SyncedTables.Order, order.Id);

        Assert.Empty(waiting);
        var failed = rig.LinkOf(SyncedTables.Order, order.Id);
        Assert.Equal((SyncStatus.Error, "The order has no lines; a Xero invoice needs at least one."), (failed.Status, failed.LastError));
    }
}
