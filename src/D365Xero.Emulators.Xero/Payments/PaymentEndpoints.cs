using D365Xero.Emulators.Xero.Common;
using D365Xero.Emulators.Xero.Organisation;

namespace D365Xero.Emulators.Xero.Payments;

/// <summary>
/// /api.xro/2.0/Payments: PUT creates (a batch), POST creates one, POST /{id} deletes, GET reads (paged,
/// If-Modified-Since, where). Rule: [SPEC] createPayments, createPayment, deletePayment, getPayments, getPayment.
/// </summary>
internal static class PaymentEndpoints
{
    private const string Root = "/api.xro/2.0/Payments";

    public static void MapPayments(this WebApplication app, XeroOrganisation org, TimeProvider time)
    {
        app.MapGet(Root, (HttpContext ctx) =>
        {
            var since = ModifiedSince.Read(ctx.Request);
            lock (org.Sync)
            {
                var rows = ListQuery.Where(ctx.Request, org.Payments.All.Where(p => ModifiedSince.Passes(p.UpdatedDateUTC, since)), "Payment", out var error);
                if (error is not null) return error.ToResult();
                var list = rows.ToList();
                var now = time.GetUtcNow();
                if (Pagination.Requested(ctx.Request) is { } paging)
                {
                    var (page, pagination) = Pagination.Slice(list, paging.Page, paging.Size);
                    return ApiReply.Json(200, Envelope.Of("Payments", page, now, pagination)).ToResult();
                }
                return ApiReply.Json(200, Envelope.Of("Payments", list, now)).ToResult();
            }
        });

        app.MapGet(Root + "/{id:guid}", (Guid id) =>
        {
            lock (org.Sync)
                return (org.Payments.Find(id) is { } found ? ApiReply.Json(200, Envelope.Of("Payments", new[] { found }, time.GetUtcNow())) : ApiReply.NotFound()).ToResult();
        });

        app.MapPut(Root, BatchEndpoint.For<Payment>(org, time, "Payments", "Payment", org.Payments.Create));

        // Rule: [SPEC] createPayment: POST /Payments takes one Payment, not the {"Payments":[…]} wrapper (the wrapper is taken too).
        app.MapPost(Root, async (HttpContext ctx) =>
        {
            var body = await RequestBody.ReadAsync(ctx);
            if (BatchRequest.Read<Payment>(body, "Payments") is null && Single(body) is { } one)
                body = XeroJson.Serialize(new { Payments = new[] { one } });
            return Apply(ctx, org, time, body, org.Payments.Create);
        });

        // Rule: [SPEC] deletePayment: POST /Payments/{id} with {"Status":"DELETED"}; docs/xero-rules.md#x-payment-delete-only; XeroAPI/xero-php-oauth2#91.
        app.MapPost(Root + "/{id:guid}", async (HttpContext ctx, Guid id) =>
        {
            var body = await RequestBody.ReadAsync(ctx);
            lock (org.Sync)
                if (org.Payments.Find(id) is null) return ApiReply.NotFound().ToResult();
            if (BatchRequest.Read<Payment>(body, "Payments") is null && Single(body) is { } one)
                body = XeroJson.Serialize(new { Payments = new[] { one } });
            return Apply(ctx, org, time, body, (patch, now) => org.Payments.Delete(org.Payments.Find(id)!, patch, now));
        });
    }

    private static IResult Apply(HttpContext ctx, XeroOrganisation org, TimeProvider time, string body, Func<Payment, DateTimeOffset, BatchOutcome<Payment>> apply)
    {
        var elements = BatchRequest.Read<Payment>(body, "Payments");
        if (elements is null) return ApiReply.Json(400, XeroErrors.NoData("Payment")).ToResult();
        lock (org.Sync)
        {
            var now = time.GetUtcNow();
            var outcomes = elements.Select(e => apply(e, now)).ToList();
            return BatchReply.For("Payments", outcomes, BatchRequest.SummarizeErrors(ctx.Request), now).ToResult();
        }
    }

    private static Payment? Single(string body)
    {
        try
        {
            var payment = XeroJson.Deserialize<Payment>(body);
            return payment is { Status: not null } or { Amount: not null } or { Invoice: not null } ? payment : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
