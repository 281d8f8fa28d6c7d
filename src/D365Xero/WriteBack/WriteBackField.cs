namespace D365Xero.WriteBack;

/// <summary>What a write-back column holds; <see cref="DynamicsWriteBack"/> fills each from the row's <see cref="RowWriteBack"/>.</summary>
public enum WriteBackField
{
    XeroId,
    XeroNumber,
    Status,
    Error,
    SyncedOn,
    Url,
}
