namespace D365Xero.Target.Xero.Model;

/// <summary>
/// A Xero contact as sent and received (schema <c>Contact</c> in tests/fixtures/xero-openapi/xero_accounting.yaml).
/// Only the fields the connector maps; <c>Website</c> is read-only in the spec, so it is not sent.
/// </summary>
public sealed record XeroContact : IXeroElement
{
    public Guid? ContactID { get; init; }
    /// <summary>Our external key: <c>D365-</c> + accountid (32 hex). Max 50.</summary>
    public string? ContactNumber { get; init; }
    public string? AccountNumber { get; init; }
    /// <summary>ACTIVE, ARCHIVED or GDPRREQUEST.</summary>
    public string? ContactStatus { get; init; }
    public string? Name { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? EmailAddress { get; init; }
    public string? DefaultCurrency { get; init; }

    /// <summary>VAT/ABN/GST number, ≤ 50 (spec Contact.TaxNumber); from Mapping:Contact:TaxNumber.</summary>
    public string? TaxNumber { get; init; }

    /// <summary>The default tax type of the contact's sales (spec Contact.AccountsReceivableTaxType).</summary>
    public string? AccountsReceivableTaxType { get; init; }

    /// <summary>The contact's own payment terms (spec Contact.PaymentTerms); the connector sets Sales only.</summary>
    public XeroPaymentTerms? PaymentTerms { get; init; }
    public IReadOnlyList<XeroContactPerson>? ContactPersons { get; init; }

    /// <summary>
    /// Not sent with the contact: the contact group <c>Mapping:Contact:ContactGroup</c> names for it, by name (null: leave its groups
    /// alone; empty: in none the connector put it in). The connector places it with <c>PUT /ContactGroups/{id}/Contacts</c> after the
    /// contacts are sent (docs/mappings.md#contact-groups).
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? ContactGroupName { get; init; }
    public IReadOnlyList<XeroAddress>? Addresses { get; init; }
    public IReadOnlyList<XeroPhone>? Phones { get; init; }

    // Filled in by Xero on write responses.
    /// <summary>Read-only; Xero sends it as <c>/Date(…)/</c>.</summary>
    public DateTimeOffset? UpdatedDateUTC { get; init; }
    public bool? HasValidationErrors { get; init; }
    public string? StatusAttributeString { get; init; }
    public IReadOnlyList<XeroValidationError>? ValidationErrors { get; init; }
}
