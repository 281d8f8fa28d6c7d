namespace D365Xero.Target.Xero.Model;

/// <summary>Schema <c>Phone</c>; <see cref="PhoneType"/> is DEFAULT, DDI, MOBILE, FAX or OFFICE.</summary>
public sealed record XeroPhone
{
    public required string PhoneType { get; init; }
    public string? PhoneNumber { get; init; }
}
