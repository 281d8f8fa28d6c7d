namespace D365Xero.Configuration;

/// <summary>What happens to the Xero item of a retired product (<c>Sync:RetiredProducts</c>).</summary>
public enum RetiredProducts
{
    Keep,
    Delete,
}
