using System.Text.Json.Nodes;
using D365Xero.IntegrationTests;
using D365Xero.ReliabilityTests.Support;
using Xunit.Abstractions;

namespace D365Xero.ReliabilityTests;

/// <summary>
/// Issue 7.1, the window bug A left open for products and orders: Xero applied the create of an item
/// or invoice, the process died before the link was recorded, then the Dynamics row was deleted. The
/// restarted connector finds the record by the key it recorded before sending and removes it.
/// </summary>
public sealed class DeletedAfterCrashTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_product_or_order_deleted_after_a_crash_that_lost_its_create_answer_leaves_no_orphan_in_xero()
    {
        await using var rig = await Rig.StartAsync();
        await rig.ProvisionAsync();
        var d = rig.Dynamics;
        var customer = await d.CreateAsync("accounts", new JsonObject { ["name"] = "Orphan Test Customer" });
        var kept = await d.CreateAsync("products", new JsonObject { ["productnumber"] = "KEPT-1", ["name"] = "Kept", ["price"] = 5m });
        var first = await rig.RunAsync(TimeSpan.FromMinutes(1), "sync", "--once");
        Assert.True(first.ExitCode == 0, first.Output);

        // A product whose create Xero applies while the connector dies before recording it, then deleted in Dynamics.
        var doomed = await d.CreateAsync("products", new JsonObject { ["productnumber"] = "ORPHAN-1", ["name"] = "Orphan", ["price"] = 7m });
        await KillAfterXeroAppliesAsync(rig, "/Items");
        Assert.NotNull(await ItemAsync(rig, "ORPHAN-1")); // Xero did create it
        await d.DeleteAsync("products", doomed);
        var afterProduct = await rig.RunAsync(TimeSpan.FromMinutes(1), "sync", "--once");
        output.WriteLine(afterProduct.Output);

        // The same for an order: its draft invoice is created, the answer lost, the order deleted.
        var order = await d.CreateAsync("salesorders", new JsonObject
        {
            ["name"] = "Orphan order", ["ordernumber"] = "ORPHAN-ORD-1", ["customerid_account@odata.bind"] = $"/accounts({customer})",
        });
        await d.CreateAsync("salesorderdetails", new JsonObject
        {
            ["salesorderid@odata.bind"] = $"/salesorders({order})", ["productid@odata.bind"] = $"/products({kept})", ["quantity"] = 2m, ["priceperunit"] = 5m,
        });
        await KillAfterXeroAppliesAsync(rig, "/Invoices");
        Assert.Equal("DRAFT", (await InvoiceAsync(rig, "ORPHAN-ORD-1"))?.Text("Status")); // Xero did create it
        await d.DeleteAsync("salesorders", order);
        var afterOrder = await rig.RunAsync(TimeSpan.FromMinutes(1), "sync", "--once");
        output.WriteLine(afterOrder.Output);

        Assert.False(afterProduct.Killed || afterOrder.Killed);
        Assert.Null(await ItemAsync(rig, "ORPHAN-1"));
        Assert.NotNull(await ItemAsync(rig, "KEPT-1"));
        Assert.Equal("DELETED", (await InvoiceAsync(rig, "ORPHAN-ORD-1"))?.Text("Status"));
        var status = await rig.StatusAsync();
        Assert.Empty(status.Failures);
        Assert.All(status.Tables, t => Assert.Equal(0, t.Pending));
    }

    /// <summary>Starts `sync --once`, lets Xero apply the first write to <paramref name="path"/>, holds its answer and kills the process.</summary>
    private static async Task KillAfterXeroAppliesAsync(Rig rig, string path)
    {
        var applied = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.XeroProxy.AfterUpstream = async (request, status, ct) =>
        {
            if (!request.IsXeroWrite || status != 200 || !request.PathAndQuery.Contains(path, StringComparison.Ordinal)) return;
            applied.TrySetResult();
            await Task.Delay(TimeSpan.FromSeconds(30), ct);
        };
        using var child = rig.Start("sync", "--once");
        var exited = child.WaitAsync(CancellationToken.None);
        Assert.True(await Task.WhenAny(applied.Task, exited, Task.Delay(TimeSpan.FromSeconds(60))) == applied.Task,
            $"no write to {path} reached Xero:\n{child.Output}");
        await child.KillAsync();
        rig.XeroProxy.AfterUpstream = null;
        await CrashSafetyTests.WaitForQuietXeroAsync(rig);
    }

    private static async Task<JsonObject?> ItemAsync(Rig rig, string code) =>
        (await rig.Xero.GetAsync("api.xro/2.0/Items")).Items("Items").SingleOrDefault(i => i.Text("Code") == code);

    private static async Task<JsonObject?> InvoiceAsync(Rig rig, string reference) =>
        (await rig.Xero.GetAsync("api.xro/2.0/Invoices?page=1&pageSize=1000")).Items("Invoices").SingleOrDefault(i => i.Text("Reference") == reference);
}
