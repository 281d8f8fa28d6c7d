using D365Xero.Emulators.Xero.Organisation;

namespace D365Xero.Emulators.Xero.Common;

/// <summary>The shape every PUT/POST batch shares: read the wrapper, apply each element under the lock, answer per summarizeErrors.</summary>
internal static class BatchEndpoint
{
    /// <summary>A route handler for a whole-collection PUT/POST (typed so minimal APIs write the result).</summary>
    public static Func<HttpContext, Task<IResult>> For<T>(
        XeroOrganisation org, TimeProvider time, string wrapper, string entity, Func<T, DateTimeOffset, BatchOutcome<T>> apply)
        where T : IBatchElement => ctx => HandleAsync(ctx, org, time, wrapper, entity, apply);

    public static async Task<IResult> HandleAsync<T>(
        HttpContext ctx, XeroOrganisation org, TimeProvider time, string wrapper, string entity,
        Func<T, DateTimeOffset, BatchOutcome<T>> apply) where T : IBatchElement
    {
        var body = await RequestBody.ReadAsync(ctx);
        var elements = BatchRequest.Read<T>(body, wrapper);
        if (elements is null) return ApiReply.Json(400, XeroErrors.NoData(entity)).ToResult();

        var summarize = BatchRequest.SummarizeErrors(ctx.Request);
        ApiReply reply;
        lock (org.Sync)
        {
            var now = time.GetUtcNow();
            // Elements are applied one by one, so a later element sees the earlier ones (a duplicate within a batch fails).
            var outcomes = elements.Select(e => apply(e, now)).ToList();
            reply = BatchReply.For(wrapper, outcomes, summarize, now);
        }
        return reply.ToResult();
    }
}
