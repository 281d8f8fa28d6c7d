namespace D365Xero.Target.Xero.Model;

/// <summary>An invoice's contact, by ContactID only.</summary>
public sealed record XeroContactRef
{
    public Guid? ContactID { get; init; }
}
