namespace D365Xero.WriteBack;

/// <summary>What the connector wants a row's write-back columns to say.</summary>
/// <param name="Sent">True when this sync wrote the record to Xero: the row's last-synced time moves even if nothing else does.</param>
public sealed record RowWriteBack(Guid Id, string Status, string? Error, string? XeroId = null, string? XeroNumber = null, string? Url = null, bool Sent = false);
