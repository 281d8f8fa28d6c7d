using D365Xero.Emulators.Xero.Organisation;

namespace D365Xero.Emulators.Xero.Common;

/// <summary>
/// What Contacts, Items and Invoices share: <c>GET /{key}</c> (an id or the element's own key), PUT to
/// create, POST to create or update, and <c>POST /{id}</c> to update one
/// (https://developer.xero.com/documentation/api/accounting/requests-and-responses).
/// </summary>
internal sealed record KeyedEndpoints<T>(string Root, string Wrapper, string Entity) where T : class, IBatchElement
{
    public required Func<string, T?> FindByKey { get; init; }
    public required Func<Guid, T?> Find { get; init; }
    public required Func<T, DateTimeOffset, BatchOutcome<T>> Create { get; init; }
    public required Func<T, DateTimeOffset, BatchOutcome<T>> Upsert { get; init; }

    /// <summary>Gives an element of <c>POST /{id}</c> the id of its URL.</summary>
    public required Action<T, Guid> SetId { get; init; }

    /// <summary>Another form of <c>GET /{key}</c> for the request (e.g. a PDF for Accept: application/pdf), or null for JSON.</summary>
    public Func<HttpRequest, T, IResult?>? Render { get; init; }

    public void Map(WebApplication app, XeroOrganisation org, TimeProvider time)
    {
        app.MapGet(Root + "/{key}", (HttpContext ctx, string key) =>
        {
            lock (org.Sync)
            {
                var found = FindByKey(key);
                if (found is not null && Render?.Invoke(ctx.Request, found) is { } rendered) return rendered;
                return (found is null ? ApiReply.NotFound() : ApiReply.Json(200, Envelope.Of(Wrapper, new[] { found }, time.GetUtcNow()))).ToResult();
            }
        });

        app.MapPut(Root, BatchEndpoint.For(org, time, Wrapper, Entity, Create));
        app.MapPost(Root, BatchEndpoint.For(org, time, Wrapper, Entity, Upsert));

        app.MapPost(Root + "/{id:guid}", (HttpContext ctx, Guid id) =>
        {
            lock (org.Sync)
                if (Find(id) is null) return Task.FromResult(ApiReply.NotFound().ToResult());
            return BatchEndpoint.HandleAsync<T>(ctx, org, time, Wrapper, Entity, (element, now) =>
            {
                SetId(element, id);
                return Upsert(element, now);
            });
        });
    }
}
