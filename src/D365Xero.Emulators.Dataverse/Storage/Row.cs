namespace D365Xero.Emulators.Dataverse;

/// <summary>
/// One stored row. Values are indexed by column ordinal (an array, not a dictionary, so that 100,000 accounts
/// stay small in memory); columns added later simply read as null until written.
/// </summary>
internal sealed class Row(Guid id, object?[] values)
{
    public Guid Id { get; } = id;
    public object?[] Values { get; private set; } = values;
    /// <summary>Global row version; also the etag, which Dataverse says is opaque (docs/dataverse-rules.md#d-etag-concurrency; learn.microsoft.com/power-apps/developer/data-platform/webapi/perform-conditional-operations-using-web-api).</summary>
    public long Version { get; set; }

    public string ETag => $"W/\"{Version}\"";

    public object? this[ColumnDefinition column]
    {
        get => column.Ordinal < Values.Length ? Values[column.Ordinal] : null;
        set
        {
            if (column.Ordinal >= Values.Length)
            {
                var grown = new object?[column.Ordinal + 1];
                Values.CopyTo(grown, 0);
                Values = grown;
            }
            Values[column.Ordinal] = value;
        }
    }

    public Row Clone() => new(Id, (object?[])Values.Clone()) { Version = Version };
}
