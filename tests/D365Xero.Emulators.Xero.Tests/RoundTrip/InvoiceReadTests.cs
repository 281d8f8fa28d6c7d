using System.Net;
using System.Net.Http.Headers;
using System.Text;
using D365Xero.Emulators.Xero.Tests.Support;

namespace D365Xero.Emulators.Xero.Tests.RoundTrip;

public sealed class InvoiceReadTests
{
    [Fact]
    public async Task Many_invoices_by_id_in_pages_of_100_each_read_one_call_and_If_Modified_Since_narrows_them()
    {
        await using var host = await XeroTestHost.StartAsync(seed: "demo");
        var ids = new List<string>();
        for (var batch = 0; batch < 3; batch++)
        {
            var reply = await host.Put(RoundTripHost.Invoices, new
            {
                Invoices = Enumerable.Range(0, 50).Select(i => new
                {
                    Type = "ACCREC", Status = "AUTHORISED", Contact = new { Name = "Fabrikam, Inc." },
                    LineItems = new[] { new { Description = "x", Quantity = 1m, UnitAmount = 10m + i, AccountCode = "200", TaxType = "NONE" } },
                }).ToArray(),
            });
            ids.AddRange(reply.Body!["Invoices"]!.AsArray().Select(i => i!.Text("InvoiceID")));
        }
        host.Time.Advance(TimeSpan.FromMinutes(1));
        var since = host.Time.GetUtcNow();
        host.Time.Advance(TimeSpan.FromSeconds(1));
        await host.Control($"/_emulator/invoices/{ids[3]}/payments", new { Amount = 5m });
        await host.Control($"/_emulator/invoices/{ids[120]}/edit", new { Reference = "PO-9" });
        await host.Http.PostAsync("/_emulator/stats/reset", null);

        var all = string.Join(",", ids);
        var page1 = await host.Get($"{RoundTripHost.Invoices}?IDs={all}&page=1");
        var page2 = await host.Get($"{RoundTripHost.Invoices}?IDs={all}&page=2");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{RoundTripHost.Invoices}?IDs={all}&page=1");
        request.Headers.IfModifiedSince = since;
        var changed = await Reply.From(await host.Http.SendAsync(request));
        var stats = (await host.Get("/_emulator/stats")).Body!;

        Assert.Equal(100, page1.Body!["Invoices"]!.AsArray().Count);
        Assert.Equal(50, page2.Body!["Invoices"]!.AsArray().Count);
        Assert.Equal(150, page1.Body!["pagination"]!["itemCount"]!.GetValue<int>());
        Assert.NotNull(page1.Body!["Invoices"]![0]!["LineItems"]);
        Assert.Equal([ids[3], ids[120]], changed.Body!["Invoices"]!.AsArray().Select(i => i!.Text("InvoiceID")));
        Assert.Equal(5m, changed.Body!["Invoices"]![0]!["Payments"]![0]!.Money("Amount"));
        Assert.Equal(3, stats["apiCalls"]!.GetValue<int>());
        Assert.Equal(3, stats["byOperation"]!["GET /Invoices"]!.GetValue<int>());
    }

    [Fact]
    public async Task Online_invoice_is_a_stable_in_xero_link_refused_for_a_draft()
    {
        await using var host = await XeroTestHost.StartAsync(seed: "demo");
        var draft = await host.AuthorisedInvoice(status: "DRAFT");
        var open = await host.AuthorisedInvoice();

        var refused = await host.Get($"{RoundTripHost.Invoices}/{draft}/OnlineInvoice");
        var first = await host.Get($"{RoundTripHost.Invoices}/{open}/OnlineInvoice");
        var second = await host.Get($"{RoundTripHost.Invoices}/{open}/OnlineInvoice");
        var missing = await host.Get($"{RoundTripHost.Invoices}/{Guid.NewGuid()}/OnlineInvoice");

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("ValidationException", refused.Body!.Text("Type"));
        Assert.Equal(["An online invoice cannot be retrieved for a DRAFT invoice."], refused.Messages());
        var url = first.Body!["OnlineInvoices"]![0]!.Text("OnlineInvoiceUrl");
        Assert.Matches("^https://in\\.xero\\.com/[A-Za-z0-9]{40}$", url);
        Assert.Equal(url, second.Body!["OnlineInvoices"]![0]!.Text("OnlineInvoiceUrl"));
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
    }

    [Fact]
    public async Task Accept_application_pdf_gives_a_pdf_of_the_invoice_that_changes_with_it()
    {
        await using var host = await XeroTestHost.StartAsync(seed: "demo");
        var id = await host.AuthorisedInvoice(123.45m);
        var number = (await host.Invoice(id)).Text("InvoiceNumber");

        async Task<(string Type, byte[] Bytes)> Pdf()
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{RoundTripHost.Invoices}/{id}");
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/pdf"));
            using var response = await host.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (response.Content.Headers.ContentType!.MediaType!, await response.Content.ReadAsByteArrayAsync());
        }

        var (type, before) = await Pdf();
        await host.Control($"/_emulator/invoices/{id}/payments", new { });
        var (_, after) = await Pdf();

        Assert.Equal("application/pdf", type);
        var text = Encoding.ASCII.GetString(before);
        Assert.StartsWith("%PDF-1.4", text);
        Assert.EndsWith("%%EOF\n", text);
        Assert.Contains($"Invoice Number: {number}", text);
        Assert.Contains("Status: AUTHORISED", text);
        Assert.Contains("123.45", text);
        Assert.Contains("Status: PAID", Encoding.ASCII.GetString(after));
        Assert.NotEqual(before, after);
        // The xref offsets point at the objects they name.
        var xref = int.Parse(text[(text.LastIndexOf("startxref\n", StringComparison.Ordinal) + 10)..].Split('\n')[0]);
        Assert.StartsWith("xref", text[xref..]);
        var firstObject = int.Parse(text[xref..].Split('\n')[3][..10]);
        Assert.StartsWith("1 0 obj", text[firstObject..]);
    }
}
