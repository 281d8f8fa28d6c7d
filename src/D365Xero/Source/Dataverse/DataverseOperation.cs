namespace D365Xero.Source.Dataverse;

/// <summary>Names under which <see cref="DataverseCallCounter"/> counts requests.</summary>
public static class DataverseOperation
{
    public const string Query = "Query";
    public const string GetRow = "GetRow";
    public const string ReadChanges = "ReadChanges";
    public const string Patch = "Patch";
    public const string UpdateMultiple = "UpdateMultiple";
    public const string Metadata = "Metadata";
    public const string Provision = "Provision";
    public const string Publish = "Publish";
    public const string WhoAmI = "WhoAmI";
    public const string Webhook = "Webhook";
    /// <summary>The round trip's writes onto Dynamics: payment rows, the invoice PDF note, fulfilling a paid order.</summary>
    public const string Upsert = "Upsert";
    public const string Action = "Action";
}
