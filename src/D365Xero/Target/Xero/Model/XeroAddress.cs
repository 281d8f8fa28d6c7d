namespace D365Xero.Target.Xero.Model;

/// <summary>Schema <c>Address</c>; <see cref="AddressType"/> is POBOX or STREET.</summary>
public sealed record XeroAddress
{
    public required string AddressType { get; init; }
    public string? AddressLine1 { get; init; }
    public string? AddressLine2 { get; init; }
    public string? AddressLine3 { get; init; }
    public string? City { get; init; }
    public string? Region { get; init; }
    public string? PostalCode { get; init; }
    public string? Country { get; init; }
}
