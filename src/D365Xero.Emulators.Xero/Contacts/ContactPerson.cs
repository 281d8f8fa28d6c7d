namespace D365Xero.Emulators.Xero.Contacts;

/// <summary>[SPEC] schema ContactPerson: an additional person on a contact (at most 5).</summary>
internal sealed class ContactPerson
{
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? EmailAddress { get; set; }
    public bool? IncludeInEmails { get; set; }
}
