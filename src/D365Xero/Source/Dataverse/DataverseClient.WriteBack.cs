using System.Net;
using System.Text.Json.Nodes;
using D365Xero.Errors;
using Microsoft.Extensions.Logging;

namespace D365Xero.Source.Dataverse;

public sealed partial class DataverseClient
{
    private static readonly HashSet<HttpStatusCode> NotFound = [HttpStatusCode.NotFound];
    private static readonly HashSet<HttpStatusCode> ChunkRefused = [HttpStatusCode.BadRequest, HttpStatusCode.NotFound];

    /// <summary>
    /// Writes only the given columns of one row. <c>If-Match: *</c> keeps the PATCH from re-creating a row
    /// deleted meanwhile (docs/dataverse-rules.md#d-update-patch; learn.microsoft.com/power-apps/developer/data-platform/webapi/update-delete-entities-using-web-api); such a row answers 404 and this returns false.
    /// </summary>
    public async Task<bool> PatchAsync(string entitySet, Guid id, JsonObject changes, CancellationToken cancellationToken = default)
    {
        RequireName(entitySet, nameof(entitySet));
        var request = new DataverseRequest(HttpMethod.Patch, Api($"{entitySet}({ODataLiteral.Guid(id)})"), DataverseOperation.Patch)
        {
            Body = changes.DeepClone(),
            Headers = [new("If-Match", "*")],
            Tolerated = NotFound,
        };
        using var response = await Transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return response.StatusCode != HttpStatusCode.NotFound;
    }

    /// <summary>
    /// Writes many rows of one table with <c>UpdateMultiple</c> (docs/dataverse-rules.md#d-bulk-update-multiple; learn.microsoft.com/power-apps/developer/data-platform/bulk-operations), in chunks of
    /// <see cref="DataverseOptions.UpdateMultipleChunkSize"/>. One bad or deleted row fails its whole chunk
    /// (400/404); that chunk is then written row by row, so the good rows still land and each bad one is
    /// reported. Results come back in the order of <paramref name="rows"/>.
    /// </summary>
    /// <param name="logicalName">The table's logical name, e.g. <c>account</c>.</param>
    /// <param name="keyColumn">Its primary key column, e.g. <c>accountid</c>.</param>
    public async Task<IReadOnlyList<RowUpdateResult>> UpdateMultipleAsync(string entitySet, string logicalName, string keyColumn,
        IReadOnlyList<(Guid Id, JsonObject Changes)> rows, CancellationToken cancellationToken = default)
    {
        RequireName(entitySet, nameof(entitySet));
        RequireName(logicalName, nameof(logicalName));
        RequireName(keyColumn, nameof(keyColumn));
        var results = new List<RowUpdateResult>(rows.Count);
        foreach (var chunk in rows.Chunk(Math.Clamp(_options.UpdateMultipleChunkSize, 1, 1000)))
        {
            var targets = new JsonArray();
            foreach (var (id, changes) in chunk)
            {
                var target = new JsonObject
                {
                    ["@odata.type"] = $"Microsoft.Dynamics.CRM.{logicalName}",
                    [keyColumn] = ODataLiteral.Guid(id),
                };
                foreach (var (column, value) in changes)
                    if (column != keyColumn) target[column] = value?.DeepClone();
                targets.Add(target);
            }

            var request = new DataverseRequest(HttpMethod.Post, Api($"{entitySet}/Microsoft.Dynamics.CRM.UpdateMultiple"), DataverseOperation.UpdateMultiple)
            {
                Body = new JsonObject { ["Targets"] = targets },
                Tolerated = ChunkRefused,
            };
            using var response = await Transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                results.AddRange(chunk.Select(r => new RowUpdateResult(r.Id, RowUpdateOutcome.Updated)));
                continue;
            }

            var message = DataverseErrorBody.Message(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            _logger.LogWarning("UpdateMultiple on {EntitySet} refused a chunk of {Count} rows ({Status}: {Message}); writing them one by one",
                entitySet, chunk.Length, (int)response.StatusCode, message);
            results.AddRange(await PatchEachAsync(entitySet, chunk, cancellationToken).ConfigureAwait(false));
        }
        return results;
    }

    private async Task<RowUpdateResult[]> PatchEachAsync(string entitySet, (Guid Id, JsonObject Changes)[] chunk, CancellationToken cancellationToken)
    {
        var results = new RowUpdateResult[chunk.Length];
        // The transport caps requests in flight; this only lets the chunk use that allowance.
        await Parallel.ForEachAsync(Enumerable.Range(0, chunk.Length),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Clamp(_options.MaxParallelism, 1, 52), CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var (id, changes) = chunk[i];
                try
                {
                    results[i] = await PatchAsync(entitySet, id, changes, ct).ConfigureAwait(false)
                        ? new RowUpdateResult(id, RowUpdateOutcome.Updated)
                        : new RowUpdateResult(id, RowUpdateOutcome.NotFound);
                }
                catch (RemoteApiException e) when (e.Kind == ErrorKind.Permanent)
                {
                    // A refused row is this row's problem; transient and auth failures stop the whole call.
                    results[i] = new RowUpdateResult(id, RowUpdateOutcome.Failed, e.Message);
                }
            }).ConfigureAwait(false);
        return results;
    }
}
