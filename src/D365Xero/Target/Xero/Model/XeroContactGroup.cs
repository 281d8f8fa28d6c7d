namespace D365Xero.Target.Xero.Model;

/// <summary>Schema <c>ContactGroup</c>: a named group of contacts, ACTIVE or DELETED (docs/xero-rules.md#x-contact-groups).</summary>
public sealed record XeroContactGroup
{
    public Guid? ContactGroupID { get; init; }
    public string? Name { get; init; }
    public string? Status { get; init; }
}
