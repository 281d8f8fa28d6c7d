using System.Net;
using D365Xero.Target.Xero.Model;
using D365Xero.Tests.Target.Xero.Fakes;

namespace D365Xero.Tests.Target.Xero;

/// <summary>Lookups: none builds a <c>where</c> from Dynamics text (docs/xero-rules.md#x-where-no-escape; XeroAPI/Xero-Java#347).</summary>
public sealed class XeroClientTests
{
    private static HttpResponseMessage Contacts(int page, int pageCount, params XeroContact[] contacts) =>
        XeroAnswers.Ok(new Dictionary<string, object>
        {
            ["pagination"] = new { page, pageSize = 1000, pageCount, itemCount = contacts.Length },
            ["Contacts"] = contacts,
        });

    [Fact]
    public async Task Looks_a_contact_up_by_its_number_in_the_path_escaped()
    {
        var xero = new XeroHarness((_, _) => XeroAnswers.Ok(new { Contacts = new[] { new XeroContact { ContactNumber = "x", Name = "Odd" } } }));

        await xero.Client.GetContactByNumberAsync("D365 A&B/C\"quote\"+1?#%");

        Assert.Equal("/api.xro/2.0/Contacts/D365%20A%26B%2FC%22quote%22%2B1%3F%23%25", xero.Handler.ApiRequests[0].PathAndQuery);
    }

    [Fact]
    public async Task A_contact_number_Xero_does_not_know_is_null()
    {
        var xero = new XeroHarness((_, _) => XeroAnswers.Json(HttpStatusCode.NotFound, "{}"));

        Assert.Null(await xero.Client.GetContactByNumberAsync("D365-00000000000000000000000000000001"));
        Assert.Single(xero.Handler.ApiRequests);
    }

    [Fact]
    public async Task A_guid_shaped_contact_number_is_refused_because_Xero_would_read_it_as_a_ContactID()
    {
        var xero = new XeroHarness((_, _) => XeroAnswers.Currencies());

        await Assert.ThrowsAsync<ArgumentException>(() => xero.Client.GetContactByNumberAsync(Guid.NewGuid().ToString()));
        Assert.Empty(xero.Handler.Requests);
    }

    [Fact]
    public async Task No_lookup_ever_sends_a_where_filter()
    {
        var xero = new XeroHarness((request, _) => request.PathAndQuery.Contains("/Items") ? XeroAnswers.Ok(new { Items = new[] { new XeroItem { Code = "A\"B" } } })
            : XeroAnswers.Ok(new { Contacts = Array.Empty<object>(), Invoices = Array.Empty<object>() }));
        const string hostile = "Bat \"QUOTE\" Man) OR (Name!=null";

        await xero.Client.GetContactByNumberAsync(hostile);
        await xero.Client.SearchContactsAsync(hostile);
        await xero.Client.GetContactsByIdsAsync([Guid.NewGuid(), Guid.NewGuid()]);
        await foreach (var _ in xero.Client.GetAllContactsAsync()) { }
        await xero.Client.GetItemsAsync();
        await xero.Client.GetItemByCodeAsync(hostile);
        await xero.Client.GetInvoicesByNumbersAsync([hostile, "ORD-1"]);
        await xero.Client.SearchInvoicesAsync(hostile);
        await xero.Client.GetInvoicesByIdsAsync([Guid.NewGuid()]);

        Assert.NotEmpty(xero.Handler.ApiRequests);
        Assert.All(xero.Handler.ApiRequests, r => Assert.DoesNotContain("where", r.Uri.Query, StringComparison.OrdinalIgnoreCase));
        Assert.All(xero.Handler.ApiRequests, r => Assert.DoesNotContain("\"", r.Uri.AbsoluteUri));
    }

    [Fact]
    public async Task Searches_contacts_by_escaped_term_including_archived_across_every_page()
    {
        var xero = new XeroHarness((_, index) => Contacts(index + 1, 2, new XeroContact { ContactNumber = $"D365-{index}", Name = "A & B" }));

        var found = await xero.Client.SearchContactsAsync("A & B+C");

        Assert.Equal(2, found.Count);
        Assert.Equal(
            ["/api.xro/2.0/Contacts?searchTerm=A%20%26%20B%2BC&includeArchived=true&page=1&pageSize=1000",
             "/api.xro/2.0/Contacts?searchTerm=A%20%26%20B%2BC&includeArchived=true&page=2&pageSize=1000"],
            xero.Handler.ApiRequests.Select(r => r.PathAndQuery));
    }

    [Fact]
    public async Task Reads_all_contacts_page_by_page_with_If_Modified_Since()
    {
        var xero = new XeroHarness((_, index) => Contacts(index + 1, 3, new XeroContact { ContactNumber = $"D365-{index}", Name = $"C{index}" }));
        var since = new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero);

        var all = new List<XeroContact>();
        await foreach (var contact in xero.Client.GetAllContactsAsync(since)) all.Add(contact);

        Assert.Equal(["D365-0", "D365-1", "D365-2"], all.Select(c => c.ContactNumber));
        Assert.All(xero.Handler.ApiRequests, r => Assert.Contains("includeArchived=true", r.PathAndQuery));
        Assert.Equal("Tue, 01 Sep 2026 00:00:00 GMT", xero.Handler.ApiRequests[0].Header("If-Modified-Since"));
    }

    [Fact]
    public async Task Looks_contacts_up_by_IDs_fifty_at_a_time()
    {
        var xero = new XeroHarness((_, index) => Contacts(1, 1, new XeroContact { ContactNumber = $"D365-{index}" }));
        var ids = Enumerable.Range(0, 60).Select(_ => Guid.NewGuid()).ToList();

        var found = await xero.Client.GetContactsByIdsAsync(ids);

        Assert.Equal(2, found.Count);
        Assert.Equal($"/api.xro/2.0/Contacts?IDs={string.Join(',', ids.Take(50))}&includeArchived=true&page=1&pageSize=1000",
            xero.Handler.ApiRequests[0].PathAndQuery);
    }

    [Fact]
    public async Task Looks_invoices_up_by_escaped_numbers_and_finds_a_number_with_a_comma_by_search()
    {
        var xero = new XeroHarness((request, _) => XeroAnswers.Ok(new
        {
            Invoices = request.PathAndQuery.Contains("searchTerm")
                ? new[] { new XeroInvoice { InvoiceNumber = "ORD,2" }, new XeroInvoice { InvoiceNumber = "ORD,22" } }
                : new[] { new XeroInvoice { InvoiceNumber = "ORD 1" } },
        }));

        var found = await xero.Client.GetInvoicesByNumbersAsync(["ORD 1", "ORD,2"]);

        Assert.Equal(["ORD 1", "ORD,2"], found.Select(i => i.InvoiceNumber));
        Assert.StartsWith("/api.xro/2.0/Invoices?InvoiceNumbers=ORD%201&page=1", xero.Handler.ApiRequests[0].PathAndQuery);
        Assert.StartsWith("/api.xro/2.0/Invoices?searchTerm=ORD%2C2&page=1", xero.Handler.ApiRequests[^1].PathAndQuery);
    }

    [Fact]
    public async Task Finds_an_item_by_code_from_the_full_list_since_items_have_no_paging()
    {
        var xero = new XeroHarness((_, _) => XeroAnswers.Ok(new { Items = new[] { new XeroItem { Code = "WIDGET" }, new XeroItem { Code = "GADGET" } } }));

        var item = await xero.Client.GetItemByCodeAsync("gadget");

        Assert.Equal("GADGET", item!.Code);
        Assert.Equal("/api.xro/2.0/Items", xero.Handler.ApiRequests[0].PathAndQuery);
    }

    [Fact]
    public async Task Reads_Xeros_microsoft_format_dates()
    {
        var xero = new XeroHarness((_, _) => XeroAnswers.Json(HttpStatusCode.OK,
            """{"Contacts":[{"ContactID":"bd2270c3-8706-4c11-9cfb-000b551c3f51","ContactNumber":"D365-1","UpdatedDateUTC":"/Date(1550793549320+0000)/"}]}"""));

        var contact = await xero.Client.GetContactByNumberAsync("D365-1");

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1550793549320), contact!.UpdatedDateUTC);
    }

    [Fact]
    public async Task Lists_the_connections_the_token_reaches_without_a_tenant_header()
    {
        var xero = new XeroHarness((_, _) => XeroAnswers.Json(HttpStatusCode.OK, """
            [{"id":"e1eede29-f875-4a5d-8470-17f6a29a88b1","authEventId":"d99ecdfe-391d-43d2-b834-17636ba90e8d",
              "tenantId":"70784a63-d24b-46a9-a4db-0e70a274b056","tenantType":"ORGANISATION","tenantName":"Demo Company (NZ)",
              "createdDateUtc":"2026-09-01T10:00:00.0000000","updatedDateUtc":"2026-09-02T10:00:00.0000000"}]
            """));

        var connections = await xero.Client.GetConnectionsAsync();

        var connection = Assert.Single(connections);
        Assert.Equal(Guid.Parse("70784a63-d24b-46a9-a4db-0e70a274b056"), connection.TenantId);
        Assert.Equal("Demo Company (NZ)", connection.TenantName);
        Assert.NotEqual(connection.CreatedDateUtc, connection.UpdatedDateUtc);
        Assert.Equal("/connections", xero.Handler.ApiRequests[0].PathAndQuery);
        Assert.Null(xero.Handler.ApiRequests[0].Header("xero-tenant-id"));
        Assert.Equal(0, xero.Client.Budget.CallsMade);
    }

    [Fact]
    public async Task Reads_the_organisation_accounts_and_tax_rates_for_check()
    {
        var xero = new XeroHarness((request, _) => request.Uri.AbsolutePath switch
        {
            "/api.xro/2.0/Organisation" => XeroAnswers.Ok(new { Organisations = new[] { new { Name = "Demo Company (NZ)", BaseCurrency = "NZD" } } }),
            "/api.xro/2.0/Accounts" => XeroAnswers.Ok(new { Accounts = new[] { new { Code = "200", Name = "Sales", Type = "REVENUE", Status = "ACTIVE" } } }),
            _ => XeroAnswers.Ok(new { TaxRates = new[] { new { Name = "GST on Income", TaxType = "OUTPUT2", EffectiveRate = 15.0 } } }),
        });

        var organisation = await xero.Client.GetOrganisationAsync();
        var accounts = await xero.Client.GetAccountsAsync();
        var taxRates = await xero.Client.GetTaxRatesAsync();

        Assert.Equal("NZD", organisation.BaseCurrency);
        Assert.Equal("200", accounts[0].Code);
        Assert.Equal(15.0m, taxRates[0].EffectiveRate);
    }
}
