using System.Runtime.CompilerServices;
using D365Xero.Errors;
using D365Xero.Target.Xero.Model;

namespace D365Xero.Target.Xero;

/// <summary>The reads: lookups by key, whole collections a page at a time, and the organisation's settings.</summary>
public sealed partial class XeroClient
{
    /// <summary>
    /// <c>GET /Contacts/{ContactNumber}</c>, the number URL-escaped (docs/xero-rules.md#x-contact-get-by-number; developer.xero.com/documentation/api/contacts; docs/xero-rules.md#x-where-no-escape; XeroAPI/Xero-Java#347), archived
    /// contacts included. Null when there is none.
    /// </summary>
    /// <exception cref="ArgumentException">The number is empty, or GUID-shaped: Xero would read it as a ContactID (docs/xero-rules.md#x-contact-number-external-key; developer.xero.com/documentation/api/contacts).</exception>
    public async Task<XeroContact?> GetContactByNumberAsync(string contactNumber, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contactNumber);
        if (Guid.TryParse(contactNumber, out _))
            throw new ArgumentException("A GUID-shaped ContactNumber cannot be looked up: Xero reads it as a ContactID.", nameof(contactNumber));
        var request = XeroRequest.Get($"{Api}Contacts/{Uri.EscapeDataString(contactNumber)}", "GET Contacts", ContactsScope) with { NotFoundIsAnswer = true };
        var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return XeroEnvelope.ReadList<XeroContact>(response, "Contacts", request.Operation).Items.FirstOrDefault();
    }

    /// <summary><c>GET /Contacts?IDs=…&amp;includeArchived=true</c>, in calls of 50 IDs.</summary>
    public async Task<IReadOnlyList<XeroContact>> GetContactsByIdsAsync(IEnumerable<Guid> contactIds, CancellationToken cancellationToken = default)
    {
        var found = new List<XeroContact>();
        foreach (var chunk in contactIds.Distinct().Chunk(LookupChunk))
            await foreach (var contact in PagesAsync<XeroContact>("Contacts", $"IDs={string.Join(',', chunk)}&includeArchived=true", ContactsScope, null, cancellationToken).ConfigureAwait(false))
                found.Add(contact);
        return found;
    }

    /// <summary>
    /// <c>GET /Contacts?searchTerm=…&amp;includeArchived=true</c>, every page: a case-insensitive
    /// search over Name, FirstName, LastName, ContactNumber and EmailAddress (docs/xero-rules.md#x-search-term; github.com/XeroAPI/Xero-OpenAPI (xero_accounting.yaml)).
    /// The term is URL-escaped, never parsed as an expression.
    /// </summary>
    public async Task<IReadOnlyList<XeroContact>> SearchContactsAsync(string term, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(term);
        return await ToListAsync(PagesAsync<XeroContact>("Contacts", $"searchTerm={Uri.EscapeDataString(term)}&includeArchived=true", ContactsScope, null, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Every contact, archived included, a page of 1000 at a time; only those changed since <paramref name="modifiedSince"/> when given (If-Modified-Since, docs/xero-rules.md#x-if-modified-since; developer.xero.com/documentation/api/requests-and-responses).</summary>
    public IAsyncEnumerable<XeroContact> GetAllContactsAsync(DateTimeOffset? modifiedSince = null, CancellationToken cancellationToken = default) =>
        PagesAsync<XeroContact>("Contacts", "includeArchived=true", ContactsScope, modifiedSince, cancellationToken);

    /// <summary>
    /// Every sales invoice that is still live (<c>Type=ACCREC</c> is filtered here, <c>Statuses=</c> in
    /// the query: neither comes from Dynamics text), paged 1,000 a call with their lines. Used to match
    /// orders to invoices by Reference on first sync.
    /// </summary>
    public async IAsyncEnumerable<XeroInvoice> GetAllSalesInvoicesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var invoice in PagesAsync<XeroInvoice>("Invoices", "Statuses=DRAFT,SUBMITTED,AUTHORISED,PAID", InvoicesScope, null, cancellationToken).ConfigureAwait(false))
        {
            if (invoice.Type == "ACCREC") yield return invoice;
        }
    }

    /// <summary><c>GET /Items</c>: every item in one answer, since Items has no paging (docs/xero-rules.md#x-item-no-paging; developer.xero.com/documentation/api/items).</summary>
    public async Task<IReadOnlyList<XeroItem>> GetItemsAsync(DateTimeOffset? modifiedSince = null, CancellationToken cancellationToken = default)
    {
        var request = XeroRequest.Get($"{Api}Items", "GET Items", ItemsScope) with { IfModifiedSince = modifiedSince };
        var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return XeroEnvelope.ReadList<XeroItem>(response, "Items", request.Operation).Items;
    }

    /// <summary>
    /// The item with this Code, or null. The saved spec offers <c>/Items/{ItemID}</c> only, and a
    /// <c>where</c> on Code would be built from Dynamics text (docs/xero-rules.md#x-where-no-escape; XeroAPI/Xero-Java#347), so all items are read
    /// (one call, no paging) and matched here, case-insensitively.
    /// </summary>
    public async Task<XeroItem?> GetItemByCodeAsync(string code, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        var items = await GetItemsAsync(null, cancellationToken).ConfigureAwait(false);
        return items.FirstOrDefault(i => string.Equals(i.Code, code, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// <c>GET /Invoices?InvoiceNumbers=…</c>, paged so lines are included (docs/xero-rules.md#x-paging; developer.xero.com/documentation/api/requests-and-responses), in calls
    /// of 50 numbers. A number holding a comma cannot go in that comma-separated list: it is found
    /// through <c>searchTerm</c> and matched exactly instead.
    /// </summary>
    public async Task<IReadOnlyList<XeroInvoice>> GetInvoicesByNumbersAsync(IEnumerable<string> invoiceNumbers, CancellationToken cancellationToken = default)
    {
        var numbers = invoiceNumbers.Where(n => !string.IsNullOrWhiteSpace(n)).Distinct(StringComparer.Ordinal).ToList();
        var found = new List<XeroInvoice>();
        foreach (var chunk in numbers.Where(n => !n.Contains(',')).Chunk(LookupChunk))
        {
            var list = string.Join(',', chunk.Select(Uri.EscapeDataString));
            await foreach (var invoice in PagesAsync<XeroInvoice>("Invoices", $"InvoiceNumbers={list}", InvoicesScope, null, cancellationToken).ConfigureAwait(false))
                found.Add(invoice);
        }
        foreach (var number in numbers.Where(n => n.Contains(',')))
            found.AddRange((await SearchInvoicesAsync(number, cancellationToken).ConfigureAwait(false))
                .Where(i => string.Equals(i.InvoiceNumber, number, StringComparison.OrdinalIgnoreCase)));
        return found;
    }

    /// <summary><c>GET /Invoices?searchTerm=…</c>, every page: searches InvoiceNumber and Reference (docs/xero-rules.md#x-search-term; github.com/XeroAPI/Xero-OpenAPI (xero_accounting.yaml)).</summary>
    public async Task<IReadOnlyList<XeroInvoice>> SearchInvoicesAsync(string term, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(term);
        return await ToListAsync(PagesAsync<XeroInvoice>("Invoices", $"searchTerm={Uri.EscapeDataString(term)}", InvoicesScope, null, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>GET /Invoices?IDs=…</c>, paged so lines are included, in calls of 100 IDs (a 3.8 KB address; Xero documents no limit on IDs,
    /// and answers 100 invoices a page by default: docs/xero-rules.md#x-paging): 500 invoices paid at once are read back in 5 calls.
    /// </summary>
    public async Task<IReadOnlyList<XeroInvoice>> GetInvoicesByIdsAsync(IEnumerable<Guid> invoiceIds, CancellationToken cancellationToken = default)
    {
        var found = new List<XeroInvoice>();
        foreach (var chunk in invoiceIds.Distinct().Chunk(InvoiceIdsChunk))
            await foreach (var invoice in PagesAsync<XeroInvoice>("Invoices", $"IDs={string.Join(',', chunk)}", InvoicesScope, null, cancellationToken).ConfigureAwait(false))
                found.Add(invoice);
        return found;
    }

    // ---- Reference data, for `check` and pre-send validation (docs/xero-rules.md#x-reference-data-refresh) ----

    public async Task<XeroOrganisation> GetOrganisationAsync(CancellationToken cancellationToken = default) =>
        (await GetSettingsAsync<XeroOrganisation>("Organisation", "Organisations", cancellationToken).ConfigureAwait(false)).FirstOrDefault()
        ?? throw new RemoteApiException(XeroErrorClassifier.Service, ErrorKind.Permanent, "Xero answered GET Organisation with no organisation.");

    public Task<IReadOnlyList<XeroAccount>> GetAccountsAsync(CancellationToken cancellationToken = default) =>
        GetAccountsAsync(null, cancellationToken);

    /// <summary><c>GET /Accounts</c>, only those changed since <paramref name="modifiedSince"/> when given (the one settings read that takes If-Modified-Since).</summary>
    public Task<IReadOnlyList<XeroAccount>> GetAccountsAsync(DateTimeOffset? modifiedSince, CancellationToken cancellationToken = default) =>
        GetSettingsAsync<XeroAccount>("Accounts", "Accounts", cancellationToken, modifiedSince);

    /// <summary><c>GET /TrackingCategories?includeArchived=true</c>: archived options too, so a refusal can say which are archived.</summary>
    public Task<IReadOnlyList<XeroTrackingCategory>> GetTrackingCategoriesAsync(CancellationToken cancellationToken = default) =>
        GetSettingsAsync<XeroTrackingCategory>("TrackingCategories?includeArchived=true", "TrackingCategories", cancellationToken);

    public Task<IReadOnlyList<XeroBrandingTheme>> GetBrandingThemesAsync(CancellationToken cancellationToken = default) =>
        GetSettingsAsync<XeroBrandingTheme>("BrandingThemes", "BrandingThemes", cancellationToken);

    public Task<IReadOnlyList<XeroTaxRate>> GetTaxRatesAsync(CancellationToken cancellationToken = default) =>
        GetSettingsAsync<XeroTaxRate>("TaxRates", "TaxRates", cancellationToken);

    public Task<IReadOnlyList<XeroCurrency>> GetCurrenciesAsync(CancellationToken cancellationToken = default) =>
        GetSettingsAsync<XeroCurrency>("Currencies", "Currencies", cancellationToken);

    /// <summary><c>GET {ApiUrl}/connections</c>: the organisations this token reaches (docs/xero-rules.md#x-connections-per-token; XeroAPI/Xero-OpenAPI#585). Not rate-gated: it is per token, not per organisation.</summary>
    public async Task<IReadOnlyList<XeroConnection>> GetConnectionsAsync(CancellationToken cancellationToken = default)
    {
        var request = XeroRequest.Connections();
        var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return XeroEnvelope.Deserialize<List<XeroConnection>>(response, request.Operation) ?? [];
    }

    // ---- Plumbing -----------------------------------------------------------------------------

    private async IAsyncEnumerable<T> PagesAsync<T>(
        string resource, string query, string scope, DateTimeOffset? modifiedSince, [EnumeratorCancellation] CancellationToken cancellationToken, string? operation = null)
    {
        for (var page = 1; ; page++)
        {
            var request = XeroRequest.Get($"{Api}{resource}?{(query.Length > 0 ? query + "&" : "")}page={page}&pageSize={PageSize}", operation ?? $"GET {resource}", scope)
                with { IfModifiedSince = modifiedSince };
            var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var (items, pagination) = XeroEnvelope.ReadList<T>(response, resource, request.Operation);
            foreach (var item in items) yield return item;
            // pageCount says where the end is (docs/xero-rules.md#x-paging; developer.xero.com/documentation/api/requests-and-responses); without it, a short page does.
            if (pagination is { PageCount: > 0 } p ? page >= p.PageCount : items.Count < PageSize) yield break;
        }
    }

    private async Task<IReadOnlyList<T>> GetSettingsAsync<T>(string resource, string collection, CancellationToken cancellationToken, DateTimeOffset? modifiedSince = null)
    {
        var request = XeroRequest.Get($"{Api}{resource}", $"GET {resource.Split('?')[0]}", SettingsScope) with { IfModifiedSince = modifiedSince };
        var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return XeroEnvelope.ReadList<T>(response, collection, request.Operation).Items;
    }

    private static async Task<IReadOnlyList<T>> ToListAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source.ConfigureAwait(false)) list.Add(item);
        return list;
    }
}
