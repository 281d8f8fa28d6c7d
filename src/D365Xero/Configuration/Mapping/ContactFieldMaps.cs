namespace D365Xero.Configuration.Mapping;

/// <summary>
/// Extra fields of each account's Xero contact (<c>Mapping:Contact</c>), each from an <c>account</c> column
/// (custom <c>new_…</c> columns too; option sets by label). Schema <c>Contact</c>,
/// https://developer.xero.com/documentation/api/accounting/contacts.
/// </summary>
public sealed class ContactFieldMaps
{
    /// <summary>TaxNumber (VAT/ABN/GST number), up to 50 characters.</summary>
    public FieldMap TaxNumber { get; set; } = new();

    /// <summary>DefaultCurrency, an ISO code enabled in Xero; empty: the account's own currency, as without a mapping.</summary>
    public FieldMap DefaultCurrency { get; set; } = new();

    /// <summary>PaymentTerms.Sales.Day (0–31); sent with <see cref="PaymentTermsType"/>, both or neither.</summary>
    public FieldMap PaymentTermsDay { get; set; } = new();

    /// <summary>PaymentTerms.Sales.Type: DAYSAFTERBILLDATE, DAYSAFTERBILLMONTH, OFCURRENTMONTH or OFFOLLOWINGMONTH.</summary>
    public FieldMap PaymentTermsType { get; set; } = new();

    /// <summary>AccountsReceivableTaxType: the default tax type of the contact's sales.</summary>
    public FieldMap AccountsReceivableTaxType { get; set; } = new();

    /// <summary>
    /// The one Xero contact group the contact is in, by its name (any case; schema <c>ContactGroup</c>). Not a field of the
    /// contact: after the contacts are sent, each goes into its group with one <c>PUT /ContactGroups/{id}/Contacts</c> per
    /// group, and out of the group the connector put it in before (docs/mappings.md#contact-groups).
    /// </summary>
    public FieldMap ContactGroup { get; set; } = new();

    public IEnumerable<(string Name, FieldMap Map)> All =>
    [
        (nameof(TaxNumber), TaxNumber), (nameof(DefaultCurrency), DefaultCurrency), (nameof(PaymentTermsDay), PaymentTermsDay),
        (nameof(PaymentTermsType), PaymentTermsType), (nameof(AccountsReceivableTaxType), AccountsReceivableTaxType), (nameof(ContactGroup), ContactGroup),
    ];
}
