using System.Text.Json;
using D365Xero.Errors;
using D365Xero.Target.Xero.Model;

namespace D365Xero.Target.Xero;

/// <summary>
/// Batch writes: <see cref="XeroOptions.BatchSize"/> elements per POST, each POST with its
/// Idempotency-Key, and every answer matched back to its inputs by natural key.
/// </summary>
internal sealed class XeroBatchWriter(XeroTransport transport, XeroOptions options)
{
    private const string Api = XeroRequest.AccountingRoot;

    /// <returns>One result per input, in input order; failures are values, not exceptions.</returns>
    public async Task<IReadOnlyList<XeroWriteResult<T>>> SaveAsync<T>(
        string resource, IReadOnlyList<T> inputs, XeroNaturalKey<T> key, string scope, string? operationId, CancellationToken cancellationToken)
        where T : class, IXeroElement
    {
        key.EnsureMatchable(inputs, nameof(inputs));
        operationId ??= Guid.NewGuid().ToString("N");
        var results = new List<XeroWriteResult<T>>(inputs.Count);
        RemoteApiException? stopped = null;
        foreach (var batch in inputs.Chunk(options.BatchSize))
        {
            if (stopped is not null)
            {
                // After a transient or auth failure the next batch would only fail the same way, spending budget.
                results.AddRange(batch.Select(input => XeroWriteResult<T>.Failed(input, stopped.Kind, $"Not sent: an earlier batch failed. {stopped.Message}", stopped.RetryAfter)));
                continue;
            }
            try
            {
                results.AddRange(await SaveBatchAsync(resource, batch, key, scope, operationId, cancellationToken).ConfigureAwait(false));
            }
            catch (RemoteApiException ex)
            {
                if (ex.Kind != ErrorKind.Permanent) stopped = ex;
                results.AddRange(batch.Select(input => XeroWriteResult<T>.Failed(input, ex.Kind, ex.Message, ex.RetryAfter)));
            }
        }
        return results;
    }

    private async Task<IReadOnlyList<XeroWriteResult<T>>> SaveBatchAsync<T>(
        string resource, T[] batch, XeroNaturalKey<T> key, string scope, string operationId, CancellationToken cancellationToken)
        where T : class, IXeroElement
    {
        // summarizeErrors=false, always explicit: one bad element then fails alone with a 200,
        // instead of a 400 that hides the others' IDs (docs/xero-rules.md#x-batch-summarize-errors; XeroAPI/xero-ruby#247).
        var path = $"{Api}{resource}?summarizeErrors=false";
        var body = JsonSerializer.Serialize(new Dictionary<string, T[]> { [resource] = batch }, XeroJson.Options);
        var request = XeroRequest.Write(HttpMethod.Post, path, body, XeroIdempotencyKey.For(operationId, HttpMethod.Post, path, body), $"POST {resource}", scope)
            with { ValidationErrorIsAnswer = true };
        var response = await transport.SendAsync(request, cancellationToken).ConfigureAwait(false);

        if (response.IsSuccess)
            return XeroWriteMatcher.Match(batch, XeroEnvelope.ReadList<T>(response, resource, request.Operation).Items, key, batchRefused: false);

        // Xero summarised anyway: a 400 listing the failed elements only.
        var echoes = new List<T>();
        try
        {
            foreach (var element in XeroErrorClassifier.TryReadError(response)?.Elements ?? [])
                if (element.Deserialize<T>(XeroJson.Options) is { } echo) echoes.Add(echo);
        }
        catch (JsonException)
        {
            throw XeroErrorClassifier.Classify(request, response, options.TenantId);
        }
        return XeroWriteMatcher.Match(batch, echoes, key, batchRefused: true);
    }
}
