using D365Xero.Emulators.Xero.Common;

namespace D365Xero.Emulators.Xero.Contacts;

/// <summary>
/// [SPEC] schema Contact, the fields this emulator keeps. Every field is nullable because on update
/// an omitted field keeps its stored value. Website is read-only in Xero and so is not modelled as input.
/// </summary>
internal sealed class Contact : IBatchElement
{
    public Guid? ContactID { get; set; }
    public string? ContactNumber { get; set; }
    public string? AccountNumber { get; set; }
    public string? ContactStatus { get; set; }
    public string? Name { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? EmailAddress { get; set; }
    public string? CompanyNumber { get; set; }
    public string? TaxNumber { get; set; }
    public string? BankAccountDetails { get; set; }
    public string? DefaultCurrency { get; set; }
    public string? SalesDefaultAccountCode { get; set; }
    public string? PurchasesDefaultAccountCode { get; set; }
    public string? AccountsReceivableTaxType { get; set; }
    public string? AccountsPayableTaxType { get; set; }

    /// <summary>[SPEC] Contact.PaymentTerms; an update that sends it replaces it whole.</summary>
    public PaymentTerms? PaymentTerms { get; set; }
    public List<ContactPerson>? ContactPersons { get; set; }
    public List<Address>? Addresses { get; set; }
    public List<Phone>? Phones { get; set; }
    /// <summary>[SPEC] Contact.ContactGroups: "which contact groups a contact is included in"; read-only here, kept by <see cref="ContactGroupBook"/>.</summary>
    public List<ContactGroupRef>? ContactGroups { get; set; }
    public bool? IsSupplier { get; set; }
    public bool? IsCustomer { get; set; }
    public string? UpdatedDateUTC { get; set; }
    public bool? HasValidationErrors { get; set; }
    public string? StatusAttributeString { get; set; }
    public List<ValidationError>? ValidationErrors { get; set; }

    public void FlagErrors(bool hasErrors) => HasValidationErrors = hasErrors;

    public bool IsActive => ContactStatus is null or "ACTIVE";
}
