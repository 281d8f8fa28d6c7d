namespace D365Xero.Source.Dataverse;

/// <summary>
/// Dataverse no longer knows the change-tracking token of a delta link ("Version stamp associated with
/// the client has expired. Please perform a full sync.", docs/dataverse-rules.md#d-change-tracking-expiry; MicrosoftDocs/powerapps-docs#3845). The caller drops the
/// delta link and reads the table again from the start; matching keeps that from creating duplicates.
/// </summary>
public sealed class DeltaTokenExpiredException(string entitySet, string message)
    : Exception($"The change-tracking token for {entitySet} has expired; a full resync is needed. Dataverse said: {message}")
{
    /// <summary>The table (entity set) whose delta link expired.</summary>
    public string EntitySet { get; } = entitySet;

    /// <summary>The text Dataverse answers with when the token is too old (docs/dataverse-rules.md#d-change-tracking-expiry; MicrosoftDocs/powerapps-docs#3845).</summary>
    internal const string ExpiredText = "Version stamp associated with the client has expired";
}
