using D365Xero.Errors;
using D365Xero.Target.Xero;
using D365Xero.Target.Xero.Model;

namespace D365Xero.Tests.Sync.Steps;

/// <summary>An organisation in memory: saves what it is sent (giving new elements ids), refuses what a test says, counts its calls.</summary>
internal sealed class FakeXeroGateway : IXeroGateway
{
    public List<XeroContact> Contacts { get; } = [];
    public List<XeroItem> Items { get; } = [];
    public List<XeroInvoice> Invoices { get; } = [];
    public List<string> Calls { get; } = [];

    /// <summary>Returns Xero's refusal for an element, or null to save it.</summary>
    public Func<object, string?> Refuse { get; set; } = _ => null;

    public Task<IReadOnlyList<XeroWriteResult<XeroContact>>> SaveContactsAsync(IReadOnlyList<XeroContact> contacts, CancellationToken cancellationToken = default) =>
        Save("POST Contacts", contacts, Contacts, c => c.ContactID, (c, id) => c with { ContactID = id });

    public Task<IReadOnlyList<XeroWriteResult<XeroItem>>> SaveItemsAsync(IReadOnlyList<XeroItem> items, CancellationToken cancellationToken = default) =>
        Save("POST Items", items, Items, i => i.ItemID, (i, id) => i with { ItemID = id });

    public Task<IReadOnlyList<XeroWriteResult<XeroInvoice>>> SaveInvoicesAsync(IReadOnlyList<XeroInvoice> invoices, CancellationToken cancellationToken = default) =>
        Save("POST Invoices", invoices, Invoices, i => i.InvoiceID, (i, id) => i with { InvoiceID = id, InvoiceNumber = i.InvoiceNumber ?? $"INV-{Invoices.Count + 1:0000}" });

    public Task DeleteItemAsync(Guid itemId, CancellationToken cancellationToken = default)
    {
        Calls.Add("DELETE Items");
        if (Items.RemoveAll(i => i.ItemID == itemId) == 0) throw new RemoteApiException("Xero", ErrorKind.Permanent, "No item with this ItemID.");
        return Task.CompletedTask;
    }

    public Task<XeroCreditNote> CreditInvoiceAsync(XeroCreditNote creditNote, Guid invoiceId, decimal amount, string operationId, CancellationToken cancellationToken = default)
    {
        Calls.Add("PUT CreditNotes");
        Calls.Add("PUT CreditNotes Allocations");
        return Task.FromResult(creditNote with { CreditNoteID = Guid.NewGuid(), CreditNoteNumber = $"CN-{Calls.Count:0000}" });
    }

    public Task<XeroContact?> GetContactByNumberAsync(string contactNumber, CancellationToken cancellationToken = default)
    {
        Calls.Add("GET Contacts");
        return Task.FromResult(Contacts.FirstOrDefault(c => c.ContactNumber == contactNumber));
    }

    public Task<IReadOnlyList<XeroInvoice>> GetInvoicesByIdsAsync(IEnumerable<Guid> invoiceIds, CancellationToken cancellationToken = default)
    {
        Calls.Add("GET Invoices");
        var ids = invoiceIds.ToHashSet();
        return Task.FromResult<IReadOnlyList<XeroInvoice>>(Invoices.Where(i => ids.Contains(i.InvoiceID!.Value)).ToList());
    }

    public async IAsyncEnumerable<XeroContact> GetAllContactsAsync(DateTimeOffset? modifiedSince = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Calls.Add("GET Contacts");
        foreach (var contact in Contacts.ToList()) yield return contact;
        await Task.CompletedTask;
    }

    public Task<IReadOnlyList<XeroItem>> GetItemsAsync(DateTimeOffset? modifiedSince = null, CancellationToken cancellationToken = default)
    {
        Calls.Add("GET Items");
        return Task.FromResult<IReadOnlyList<XeroItem>>(Items.ToList());
    }

    public async IAsyncEnumerable<XeroInvoice> GetAllSalesInvoicesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Calls.Add("GET Invoices");
        foreach (var invoice in Invoices.ToList()) yield return invoice;
        await Task.CompletedTask;
    }

    public Task<XeroOrganisation> GetOrganisationAsync(CancellationToken cancellationToken = default) => Read("GET Organisation", Settings.Organisation);

    public Task<IReadOnlyList<XeroAccount>> GetAccountsAsync(DateTimeOffset? modifiedSince, CancellationToken cancellationToken = default)
    {
        AccountsModifiedSince.Add(modifiedSince);
        return Read<IReadOnlyList<XeroAccount>>("GET Accounts", Settings.Accounts);
    }

    public Task<IReadOnlyList<XeroTaxRate>> GetTaxRatesAsync(CancellationToken cancellationToken = default) => Read<IReadOnlyList<XeroTaxRate>>("GET TaxRates", Settings.TaxRates);

    public Task<IReadOnlyList<XeroCurrency>> GetCurrenciesAsync(CancellationToken cancellationToken = default) => Read<IReadOnlyList<XeroCurrency>>("GET Currencies", Settings.Currencies);

    public Task<IReadOnlyList<XeroTrackingCategory>> GetTrackingCategoriesAsync(CancellationToken cancellationToken = default) => Read<IReadOnlyList<XeroTrackingCategory>>("GET TrackingCategories", Settings.TrackingCategories);

    public Task<IReadOnlyList<XeroBrandingTheme>> GetBrandingThemesAsync(CancellationToken cancellationToken = default) => Read<IReadOnlyList<XeroBrandingTheme>>("GET BrandingThemes", Settings.BrandingThemes);

    public Task<IReadOnlyList<XeroContactGroup>> GetContactGroupsAsync(CancellationToken cancellationToken = default) => Read<IReadOnlyList<XeroContactGroup>>("GET ContactGroups", Settings.ContactGroups);

    /// <summary>Each contact group's members, as the connector placed them.</summary>
    public Dictionary<Guid, HashSet<Guid>> GroupMembers { get; } = [];

    public Task AddContactsToGroupAsync(Guid contactGroupId, IReadOnlyList<Guid> contactIds, CancellationToken cancellationToken = default)
    {
        Calls.Add("PUT ContactGroups Contacts");
        if (!GroupMembers.TryGetValue(contactGroupId, out var members)) GroupMembers[contactGroupId] = members = [];
        members.UnionWith(contactIds);
        return Task.CompletedTask;
    }

    public Task RemoveContactFromGroupAsync(Guid contactGroupId, Guid contactId, CancellationToken cancellationToken = default)
    {
        Calls.Add("DELETE ContactGroups Contacts");
        GroupMembers.GetValueOrDefault(contactGroupId)?.Remove(contactId);
        return Task.CompletedTask;
    }

    /// <summary>The organisation's settings, as a test sets them (<see cref="FakeXeroSettings"/>).</summary>
    public FakeXeroSettings Settings { get; } = new();

    /// <summary>The If-Modified-Since of each GET Accounts.</summary>
    public List<DateTimeOffset?> AccountsModifiedSince { get; } = [];

    private Task<T> Read<T>(string call, T answer)
    {
        Calls.Add(call);
        return Task.FromResult(answer);
    }

    private Task<IReadOnlyList<XeroWriteResult<T>>> Save<T>(string call, IReadOnlyList<T> elements, List<T> held, Func<T, Guid?> idOf, Func<T, Guid, T> withId) where T : class
    {
        Calls.Add(call);
        var results = new List<XeroWriteResult<T>>();
        foreach (var element in elements)
        {
            if (Refuse(element) is { } refusal)
            {
                results.Add(XeroWriteResult<T>.Failed(element, ErrorKind.Permanent, refusal));
                continue;
            }
            var saved = withId(element, idOf(element) ?? Guid.NewGuid());
            held.RemoveAll(e => idOf(e) == idOf(saved));
            held.Add(saved);
            results.Add(XeroWriteResult<T>.Ok(element, saved));
        }
        return Task.FromResult<IReadOnlyList<XeroWriteResult<T>>>(results);
    }
}
