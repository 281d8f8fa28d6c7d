namespace D365Xero.Target.Xero.Model;

/// <summary>One of a Xero contact's (at most 5) additional people; schema <c>ContactPerson</c>.</summary>
public sealed record XeroContactPerson
{
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? EmailAddress { get; init; }
    public bool? IncludeInEmails { get; init; }
}
