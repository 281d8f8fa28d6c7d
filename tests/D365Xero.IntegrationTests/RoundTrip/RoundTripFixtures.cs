using System.Globalization;
using System.Text.Json.Nodes;

namespace D365Xero.IntegrationTests.RoundTrip;

/// <summary>An order in Xero, an accountant acting on its invoice in the Xero emulator, and what the order then shows.</summary>
internal static class RoundTripFixtures
{
    /// <summary>An order of 2 × 50 whose invoice is in Xero (DRAFT), with the connector's columns and payments table provisioned.</summary>
    public static async Task<(SyncHarness H, Guid Order, Guid Invoice)> OrderInXeroAsync(Action<Dictionary<string, string?>>? configure = null,
        Action<D365Xero.Emulators.Dataverse.DataverseEmulatorOptions>? dataverse = null)
    {
        var h = await SyncHarness.StartAsync(configure: configure, dataverseOptions: dataverse);
        await h.ProvisionAllAsync();
        var customer = await h.AccountAsync("Round Trip Ltd");
        var product = await h.ProductAsync("RT-1", "Round trip widget", 50m);
        var order = await h.OrderAsync(customer);
        await h.LineAsync(order, product, 2m, 50m);
        await h.SyncOnceAsync();
        var invoice = Guid.Parse((await h.OrderRowAsync(order)).Text("xero_invoiceid")!);
        return (h, order, invoice);
    }

    /// <summary>What `provision` does in full: the columns, the payments table, the forms' Xero section and the views.</summary>
    public static Task ProvisionAllAsync(this SyncHarness h) =>
        new D365Xero.WriteBack.Provisioning(h.Connection.Dataverse, h.Connection.Columns, h.Settings.Dataverse.FormNames).AddAsync(dryRun: false, default);

    /// <summary>What an accountant does in Xero, through the emulator's control endpoints.</summary>
    public static Task InXeroAsync(this SyncHarness h, Guid invoice, string action, JsonObject? body = null) =>
        h.Xero.ControlAsync($"invoices/{invoice}/{action}", body);

    /// <summary>The poll is due: its last look is moved an hour back (no real time passes).</summary>
    public static Task PollDueAsync(this SyncHarness h) =>
        h.Store.SetCursorAsync(h.Connection.Name, D365Xero.RoundTrip.XeroEventQueues.Invoice,
            DateTimeOffset.UtcNow.AddHours(-1).ToString("O", CultureInfo.InvariantCulture), default);

    public static async Task<List<JsonObject>> PaymentRowsAsync(this SyncHarness h, Guid order) =>
        await h.Dynamics.QueryAsync($"xero_payments?$filter=_xero_salesorderid_value eq {order}&$orderby=xero_date");

    public static async Task<List<JsonObject>> NotesAsync(this SyncHarness h, Guid order) =>
        await h.Dynamics.QueryAsync($"annotations?$filter=_objectid_value eq {order}");

    public static decimal? Number(this JsonObject row, string column) => row[column] is JsonValue v && v.TryGetValue<decimal>(out var d) ? d : null;
}
