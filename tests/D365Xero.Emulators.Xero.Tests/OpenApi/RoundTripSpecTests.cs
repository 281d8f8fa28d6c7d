using D365Xero.Emulators.Xero.Tests.RoundTrip;
using D365Xero.Emulators.Xero.Tests.Support;

namespace D365Xero.Emulators.Xero.Tests.OpenApi;

/// <summary>
/// The round trip's writes (a credit note, its allocation, payments by PUT and POST, a payment's deletion), as the
/// emulator accepts them, checked against tests/fixtures/xero-openapi/xero_accounting.yaml like the typical writes.
/// </summary>
public sealed class RoundTripSpecTests
{
    [Fact]
    public async Task Replayed_round_trip_writes_conform_to_the_Xero_spec()
    {
        await using var host = await XeroTestHost.StartAsync(seed: "demo");
        var invoiceId = await host.AuthorisedInvoice(100m);            // invoices are the typical writes' part
        var note = await host.Put("/api.xro/2.0/CreditNotes?summarizeErrors=false", new
        {
            CreditNotes = new[]
            {
                new
                {
                    Type = "ACCRECCREDIT", Status = "AUTHORISED", Contact = new { Name = "Fabrikam, Inc." }, Date = "2026-03-03", Reference = "RMA-1",
                    LineAmountTypes = "NoTax", CurrencyCode = "USD",
                    LineItems = new[] { new { Description = "Returned", Quantity = 1.0, UnitAmount = 30.0, AccountCode = "200", TaxType = "NONE" } },
                },
            },
        });
        var noteId = note.Body!["CreditNotes"]![0]!.Text("CreditNoteID");
        await host.Put($"/api.xro/2.0/CreditNotes/{noteId}/Allocations", new { Allocations = new[] { new { Invoice = new { InvoiceID = invoiceId }, Amount = 10.0, Date = "2026-03-04" } } });
        var paid = await host.Put("/api.xro/2.0/Payments", new
        {
            Payments = new[] { new { Invoice = new { InvoiceID = invoiceId }, Account = new { Code = "090" }, Date = "2026-03-05", Amount = 50.0, Reference = "Transfer" } },
        });
        await host.Post("/api.xro/2.0/Payments", new { Invoice = new { InvoiceID = invoiceId }, Account = new { Code = "090" }, Date = "2026-03-06", Amount = 40.0 });
        await host.Post($"/api.xro/2.0/Payments/{paid.Body!["Payments"]![0]!.Text("PaymentID")}", new { Status = "DELETED" });

        var recorded = (await host.Get("/_emulator/requests")).Body!.AsArray()
            .Where(r => !r!["path"]!.GetValue<string>().StartsWith("/api.xro/2.0/Invoices", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, recorded.Count);
        Assert.All(recorded, r => Assert.Equal(200, r!["status"]!.GetValue<int>()));
        var violations = recorded.SelectMany(r =>
        {
            var method = r!["method"]!.GetValue<string>();
            var path = r["path"]!.GetValue<string>();
            return XeroSpecValidator.Shared.Validate(method, path, r["body"]!.GetValue<string>()).Select(v => $"{method} {path}: {v}");
        }).ToList();
        Assert.True(violations.Count == 0, "Request violations:\n" + string.Join('\n', violations));
    }
}
