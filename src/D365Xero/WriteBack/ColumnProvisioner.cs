using D365Xero.Source.Dataverse;

namespace D365Xero.WriteBack;

/// <summary>
/// Creates the write-back columns in a solution of our publisher and publishes them (`provision`).
/// Idempotent: a column that exists is left as it is.
/// </summary>
public sealed class ColumnProvisioner(DataverseClient dataverse, WriteBackColumns columns)
{
    /// <summary>Columns the synced tables lack, by table (empty when all are there).</summary>
    public Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> MissingAsync(CancellationToken ct) => MissingAsync(columns.Tables, ct);

    /// <summary>Creates what the synced tables lack and publishes them; returns the columns created.</summary>
    public Task<IReadOnlyList<string>> ProvisionAsync(CancellationToken ct) => ProvisionAsync(columns.Tables, ct);

    /// <summary>Columns the tables lack, by table (empty when all are there).</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> MissingAsync(IEnumerable<string> tables, CancellationToken ct)
    {
        var missing = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var table in tables)
        {
            var existing = await dataverse.GetAttributeLogicalNamesAsync(table, ct);
            var lacking = columns.For(table).Select(c => c.LogicalName).Where(c => !existing.Contains(c)).ToList();
            if (lacking.Count > 0) missing[table] = lacking;
        }
        return missing;
    }

    /// <summary>Creates what is missing and publishes the tables it touched; returns the columns created.</summary>
    public async Task<IReadOnlyList<string>> ProvisionAsync(IEnumerable<string> tables, CancellationToken ct)
    {
        var missing = await MissingAsync(tables, ct);
        if (missing.Count == 0) return [];
        var solution = await dataverse.EnsurePublisherAndSolutionAsync(columns.Prefix, cancellationToken: ct);
        var created = new List<string>();
        foreach (var (table, names) in missing)
        {
            foreach (var column in columns.For(table).Where(c => names.Contains(c.LogicalName)))
            {
                await (column.Type switch
                {
                    WriteBackColumnType.String => dataverse.CreateStringColumnAsync(table, column.SchemaName, column.DisplayName, column.Description,
                        column.MaxLength, column.LogicalName.EndsWith("url", StringComparison.Ordinal) ? StringColumnFormat.Url : StringColumnFormat.Text,
                        solution.UniqueName, ct),
                    WriteBackColumnType.Memo => dataverse.CreateMemoColumnAsync(table, column.SchemaName, column.DisplayName, column.Description,
                        column.MaxLength, solution.UniqueName, ct),
                    WriteBackColumnType.DateTime => dataverse.CreateDateTimeColumnAsync(table, column.SchemaName, column.DisplayName, column.Description,
                        solution.UniqueName, ct),
                    WriteBackColumnType.Decimal => dataverse.CreateDecimalColumnAsync(table, column.SchemaName, column.DisplayName, column.Description,
                        2, solution.UniqueName, ct),
                    _ => throw new InvalidOperationException($"Unknown column type {column.Type}."),
                });
                created.Add($"{table}.{column.LogicalName}");
            }
        }
        await dataverse.PublishAsync(missing.Keys, ct);
        return created;
    }

    /// <summary>The message a sync stops with when columns are missing: names them and the command that creates them.</summary>
    public static string MissingMessage(IReadOnlyDictionary<string, IReadOnlyList<string>> missing) =>
        "The Dynamics organisation lacks the connector's write-back columns: "
        + string.Join("; ", missing.Select(m => $"{m.Key}: {string.Join(", ", m.Value)}"))
        + ". Run `d365-xero provision` to create and publish them.";
}
