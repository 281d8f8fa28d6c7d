using D365Xero.Target.Xero.Model;

namespace D365Xero.Target.Xero;

/// <summary>
/// What the sync steps ask of Xero: batched writes (50 elements a call) and the reads that matching
/// needs. <see cref="XeroClient"/> is the real one, paced by the rate gate; tests use fakes.
/// </summary>
public interface IXeroGateway
{
    Task<IReadOnlyList<XeroWriteResult<XeroContact>>> SaveContactsAsync(IReadOnlyList<XeroContact> contacts, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<XeroWriteResult<XeroItem>>> SaveItemsAsync(IReadOnlyList<XeroItem> items, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<XeroWriteResult<XeroInvoice>>> SaveInvoicesAsync(IReadOnlyList<XeroInvoice> invoices, CancellationToken cancellationToken = default);
    Task DeleteItemAsync(Guid itemId, CancellationToken cancellationToken = default);
    /// <summary>A cancelled order's paid invoice, credited: the credit note raised, then allocated (the round trip, <c>Sync:CreditPaidCancellations</c>).</summary>
    Task<XeroCreditNote> CreditInvoiceAsync(XeroCreditNote creditNote, Guid invoiceId, decimal amount, string operationId, CancellationToken cancellationToken = default);
    Task<XeroContact?> GetContactByNumberAsync(string contactNumber, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<XeroInvoice>> GetInvoicesByIdsAsync(IEnumerable<Guid> invoiceIds, CancellationToken cancellationToken = default);
    IAsyncEnumerable<XeroContact> GetAllContactsAsync(DateTimeOffset? modifiedSince = null, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<XeroItem>> GetItemsAsync(DateTimeOffset? modifiedSince = null, CancellationToken cancellationToken = default);
    IAsyncEnumerable<XeroInvoice> GetAllSalesInvoicesAsync(CancellationToken cancellationToken = default);

    // The organisation's settings, for pre-send validation (docs/xero-rules.md#x-reference-data-refresh).
    Task<XeroOrganisation> GetOrganisationAsync(CancellationToken cancellationToken = default);
    Task<IReadOnlyList<XeroAccount>> GetAccountsAsync(DateTimeOffset? modifiedSince, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<XeroTaxRate>> GetTaxRatesAsync(CancellationToken cancellationToken = default);
    Task<IReadOnlyList<XeroCurrency>> GetCurrenciesAsync(CancellationToken cancellationToken = default);
    Task<IReadOnlyList<XeroTrackingCategory>> GetTrackingCategoriesAsync(CancellationToken cancellationToken = default);
    Task<IReadOnlyList<XeroBrandingTheme>> GetBrandingThemesAsync(CancellationToken cancellationToken = default);
    Task<IReadOnlyList<XeroContactGroup>> GetContactGroupsAsync(CancellationToken cancellationToken = default);

    // Contact groups (Mapping:Contact:ContactGroup; docs/xero-rules.md#x-contact-groups).
    /// <summary><c>PUT /ContactGroups/{id}/Contacts</c>: many contacts into one group in one call.</summary>
    Task AddContactsToGroupAsync(Guid contactGroupId, IReadOnlyList<Guid> contactIds, CancellationToken cancellationToken = default);
    /// <summary><c>DELETE /ContactGroups/{id}/Contacts/{ContactID}</c>: one contact out of one group; already out counts as done.</summary>
    Task RemoveContactFromGroupAsync(Guid contactGroupId, Guid contactId, CancellationToken cancellationToken = default);
}
