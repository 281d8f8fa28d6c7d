namespace D365Xero.Emulators.Xero.Contacts;

/// <summary>[SPEC] schema Phone; PhoneType DEFAULT, DDI, MOBILE, FAX or OFFICE.</summary>
internal sealed class Phone
{
    public string? PhoneType { get; set; }
    public string? PhoneNumber { get; set; }
    public string? PhoneAreaCode { get; set; }
    public string? PhoneCountryCode { get; set; }
}
