using D365Xero.Emulators.Xero.Common;

namespace D365Xero.Emulators.Xero.Contacts;

/// <summary>Every rule Xero applies to a contact write, each with its source.</summary>
internal static class ContactRules
{
    // Rule: [SEC; T-5persons] at most 5 additional persons per contact; docs/xero-rules.md#x-contact-persons-max-5; docs.workato.com/connectors/xero/add-person-contact.html.
    public const int MaxContactPersons = 5;

    private static readonly string[] Statuses = ["ACTIVE", "ARCHIVED", "GDPRREQUEST"];
    private static readonly string[] AddressTypes = ["POBOX", "STREET", "DELIVERY"];
    private static readonly string[] PhoneTypes = ["DEFAULT", "DDI", "MOBILE", "FAX", "OFFICE"];

    // Rule: [SPEC] Name is the only field needed to create; docs/xero-rules.md#x-contact-name-required; developer.xero.com/documentation/api/contacts.
    public const string NameRequired = "The contact name must be specified.";

    // Rule: [SPEC] PUT/POST /Contacts 400 example; docs/xero-rules.md#x-contact-name-unique-active; XeroAPI/xero-ruby#13.
    public static string NameTaken(string name) =>
        $"The contact name {name} is already assigned to another contact. The contact name must be unique across all active contacts.";

    // Rule: [issues] XeroAPI/xero-node#299 (text from a public mock, low confidence); docs/xero-rules.md#x-contact-number-unique.
    public static string NumberTaken(string number) => $"The contact number {number} is already assigned to another contact.";

    // Rule: [issues] calcinai/xero-php#880; docs/xero-rules.md#x-contact-account-number-unique.
    public const string AccountNumberTaken = "The Account Number already exists. Please enter a different Account Number.";

    // Rule: [SEC] no angle brackets in a name (XeroAPI/xero-php-oauth2#179); docs/xero-rules.md#x-contact-name-text.
    public const string NameHasAngleBrackets = "The contact name must not contain the characters < or >.";

    /// <summary>[SPEC] schema PaymentTermType.</summary>
    private static readonly string[] PaymentTermTypes = ["DAYSAFTERBILLDATE", "DAYSAFTERBILLMONTH", "OFCURRENTMONTH", "OFFOLLOWINGMONTH"];

    public static string TooManyPersons => $"A contact can have at most {MaxContactPersons} contact persons.";

    /// <summary>Field rules that need no other records: lengths, enums, persons.</summary>
    public static List<string> CheckFields(Contact c)
    {
        var errors = new List<string>();
        if (c.Name is not null && (c.Name.Contains('<') || c.Name.Contains('>'))) errors.Add(NameHasAngleBrackets);

        // Rule: [SPEC] schema Contact maxLength values; docs/xero-rules.md#x-contact-field-lengths; developer.xero.com/documentation/api/contacts.
        FieldLength.Check(errors, "Contact Name", c.Name, 255);
        FieldLength.Check(errors, "ContactNumber", c.ContactNumber, 50);
        FieldLength.Check(errors, "AccountNumber", c.AccountNumber, 50);
        FieldLength.Check(errors, "FirstName", c.FirstName, 255);
        FieldLength.Check(errors, "LastName", c.LastName, 255);
        FieldLength.Check(errors, "EmailAddress", c.EmailAddress, 255);
        FieldLength.Check(errors, "CompanyNumber", c.CompanyNumber, 50);
        FieldLength.Check(errors, "TaxNumber", c.TaxNumber, 50);

        // Rule: [SPEC] PaymentTermType enum and Bill.Day "Day of Month (0-31)"; docs/xero-rules.md#x-contact-payment-terms.
        foreach (var term in new[] { c.PaymentTerms?.Sales, c.PaymentTerms?.Bills }.OfType<PaymentTerm>())
        {
            if (term.Day is < 0 or > 31) errors.Add($"Payment terms day {term.Day} is not valid. Use a day from 0 to 31.");
            if (term.Type is not null && !PaymentTermTypes.Contains(term.Type)) errors.Add($"Payment terms type '{term.Type}' is not valid.");
        }

        if (c.ContactStatus is not null && !Statuses.Contains(c.ContactStatus))
            errors.Add($"ContactStatus '{c.ContactStatus}' is not valid. Use ACTIVE, ARCHIVED or GDPRREQUEST.");

        foreach (var a in c.Addresses ?? [])
        {
            // Rule: [SPEC] schema Address maxLength values; docs/xero-rules.md#x-contact-field-lengths; developer.xero.com/documentation/api/contacts.
            if (a.AddressType is not null && !AddressTypes.Contains(a.AddressType)) errors.Add($"AddressType '{a.AddressType}' is not valid.");
            FieldLength.Check(errors, "AddressLine1", a.AddressLine1, 500);
            FieldLength.Check(errors, "AddressLine2", a.AddressLine2, 500);
            FieldLength.Check(errors, "AddressLine3", a.AddressLine3, 500);
            FieldLength.Check(errors, "AddressLine4", a.AddressLine4, 500);
            FieldLength.Check(errors, "City", a.City, 255);
            FieldLength.Check(errors, "Region", a.Region, 255);
            FieldLength.Check(errors, "PostalCode", a.PostalCode, 50);
            FieldLength.Check(errors, "Country", a.Country, 50);
            FieldLength.Check(errors, "AttentionTo", a.AttentionTo, 255);
        }
        foreach (var p in c.Phones ?? [])
        {
            // Rule: [SPEC] schema Phone maxLength values; docs/xero-rules.md#x-contact-field-lengths; developer.xero.com/documentation/api/contacts.
            if (p.PhoneType is not null && !PhoneTypes.Contains(p.PhoneType)) errors.Add($"PhoneType '{p.PhoneType}' is not valid.");
            FieldLength.Check(errors, "PhoneNumber", p.PhoneNumber, 50);
            FieldLength.Check(errors, "PhoneAreaCode", p.PhoneAreaCode, 10);
            FieldLength.Check(errors, "PhoneCountryCode", p.PhoneCountryCode, 20);
        }
        if (c.ContactPersons is { Count: > MaxContactPersons }) errors.Add(TooManyPersons);
        return errors;
    }

    /// <summary>Uniqueness of the merged record against every other contact.</summary>
    public static void CheckUnique(List<string> errors, Contact merged, ContactKeys keys)
    {
        var self = merged.ContactID is { } id ? keys.PositionOf(id) : null;

        // Rule: [SPEC] name unique among ACTIVE contacts only; an archived one may share it, and restoring
        // fails while another active contact holds the name ([H-archive] help pages); docs/xero-rules.md#x-contact-restore-needs-free-name; help.xero.com/uk/Contacts-Archive.
        if (merged.IsActive && merged.Name is not null && keys.ActiveNameTaken(merged.Name, self))
            errors.Add(NameTaken(merged.Name));

        // Rule: [issues] ContactNumber unique across all contacts (xero-node#299); docs/xero-rules.md#x-contact-number-unique.
        if (!string.IsNullOrEmpty(merged.ContactNumber) && keys.NumberTaken(merged.ContactNumber, self))
            errors.Add(NumberTaken(merged.ContactNumber));

        // Rule: [issues] AccountNumber unique (calcinai/xero-php#880); docs/xero-rules.md#x-contact-account-number-unique.
        if (!string.IsNullOrEmpty(merged.AccountNumber) && keys.AccountNumberTaken(merged.AccountNumber, self))
            errors.Add(AccountNumberTaken);
    }

    /// <summary>
    /// Read-only fields are ignored on input, as Xero does: IsCustomer/IsSupplier are derived from
    /// invoices, Website and UpdatedDateUTC are Xero's ([SPEC] "read only"; docs/xero-rules.md#x-contact-read-only-fields; developer.xero.com/documentation/api/contacts).
    /// </summary>
    public static void DropReadOnly(Contact c)
    {
        c.IsCustomer = null;
        c.IsSupplier = null;
        c.UpdatedDateUTC = null;
        c.HasValidationErrors = null;
        c.ValidationErrors = null;
        c.StatusAttributeString = null;
        c.ContactGroups = null; // membership goes through /ContactGroups/{id}/Contacts
    }
}
