using System.Net;
using System.Text.Json.Nodes;
using D365Xero.Emulators.Xero.Tests.Support;

namespace D365Xero.Emulators.Xero.Tests.RoundTrip;

/// <summary>Shortcuts the round-trip tests share: an AUTHORISED invoice of 100.00 (no tax) for a contact, and reads back.</summary>
internal static class RoundTripHost
{
    public const string Invoices = "/api.xro/2.0/Invoices";

    public static async Task<string> AuthorisedInvoice(this XeroTestHost host, decimal amount = 100m, string contact = "Fabrikam, Inc.", string status = "AUTHORISED")
    {
        var invoice = await host.CreateInvoice(new
        {
            Type = "ACCREC", Status = status, Contact = new { Name = contact }, DueDate = "2026-04-01",
            LineItems = new[] { new { Description = "Widget", Quantity = 1m, UnitAmount = amount, AccountCode = "200", TaxType = "NONE" } },
        });
        return invoice["InvoiceID"]!.GetValue<string>();
    }

    public static async Task<JsonNode> Invoice(this XeroTestHost host, string id)
    {
        var reply = await host.Get($"{Invoices}/{id}");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        return reply.Body!["Invoices"]![0]!;
    }

    public static async Task<Reply> Control(this XeroTestHost host, string path, object? body = null) =>
        await host.Send(HttpMethod.Post, path, body ?? new { });

    public static decimal Money(this JsonNode node, string name) => node[name]!.GetValue<decimal>();

    public static string Text(this JsonNode node, string name) => node[name]!.GetValue<string>();
}
