using System.Net;
using D365Xero.Source.Dataverse;

namespace D365Xero.WriteBack;

/// <summary>
/// Creates the connector's payments table (<see cref="PaymentTable"/>) in the connector's solution and publishes it: the table with its
/// primary name, each column, and the lookup to salesorder, whichever are missing. Idempotent: what exists is left as it is, so a second
/// run changes nothing; a dry run only reads and says what it would create.
/// </summary>
public sealed class PaymentTableProvisioner(DataverseClient dataverse, PaymentTable table)
{
    private static readonly HashSet<HttpStatusCode> NotFound = [HttpStatusCode.NotFound];

    /// <param name="solutionUniqueName">The connector's solution; null in a dry run (nothing is created).</param>
    public async Task<IReadOnlyList<ProvisionChange>> AddAsync(string? solutionUniqueName, CancellationToken ct)
    {
        var changes = new List<ProvisionChange>();
        var exists = await TableExistsAsync(ct);
        var columns = exists ? await dataverse.GetAttributeLogicalNamesAsync(table.LogicalName, ct) : new HashSet<string>();
        if (!exists)
        {
            changes.Add(new("create", $"the table {table.LogicalName} (Xero Payments, entity set {table.EntitySet})"));
            if (solutionUniqueName is not null) await CreateAsync("EntityDefinitions", PaymentTableBodies.Entity(table), solutionUniqueName, ct);
        }
        foreach (var column in table.Columns.Where(c => !columns.Contains(c.LogicalName)))
        {
            changes.Add(new("create", $"the column {table.LogicalName}.{column.LogicalName}"));
            if (solutionUniqueName is not null)
                await CreateAsync($"EntityDefinitions(LogicalName='{table.LogicalName}')/Attributes", PaymentTableBodies.Column(column), solutionUniqueName, ct);
        }
        if (!columns.Contains(table.OrderLookup))
        {
            changes.Add(new("create", $"the lookup {table.LogicalName}.{table.OrderLookup} to salesorder"));
            if (solutionUniqueName is not null) await CreateAsync("RelationshipDefinitions", PaymentTableBodies.Relationship(table), solutionUniqueName, ct);
        }
        if (solutionUniqueName is not null && changes.Count > 0) await dataverse.PublishAsync([table.LogicalName], ct);
        return changes;
    }

    /// <summary><c>GET EntityDefinitions(LogicalName='…')</c>: 404 until the table exists.</summary>
    private async Task<bool> TableExistsAsync(CancellationToken ct)
    {
        var request = new DataverseRequest(HttpMethod.Get, dataverse.Api($"EntityDefinitions(LogicalName='{table.LogicalName}')?$select=LogicalName"), DataverseOperation.Metadata)
        {
            Tolerated = NotFound,
            Headers = [new("Consistency", "Strong")],
        };
        using var response = await dataverse.Transport.SendAsync(request, ct).ConfigureAwait(false);
        return response.StatusCode != HttpStatusCode.NotFound;
    }

    private Task<Guid> CreateAsync(string relative, System.Text.Json.Nodes.JsonObject body, string solutionUniqueName, CancellationToken ct) =>
        dataverse.CreateAsync(relative, body, DataverseOperation.Provision, ct, solutionUniqueName);
}
