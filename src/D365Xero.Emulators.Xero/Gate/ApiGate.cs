using System.Text;
using D365Xero.Emulators.Xero.Common;
using D365Xero.Emulators.Xero.Identity;

namespace D365Xero.Emulators.Xero.Gate;

/// <summary>
/// Everything that stands between a caller and the Accounting API, in Xero's order: bearer token (401),
/// xero-tenant-id (403), injected faults, rate limits (429), Idempotency-Key replay; then the endpoint,
/// whose response is buffered so it can be kept for replays or deliberately lost.
/// </summary>
internal sealed class ApiGate(
    TokenService tokens, RateLimiter limiter, FaultInjector faults, IdempotencyStore idempotency,
    CallStats stats, RequestJournal journal, TimeProvider time, Guid tenantId)
{
    public const string AccountingPrefix = "/api.xro/2.0";

    public async Task InvokeAsync(HttpContext ctx, RequestDelegate next)
    {
        var path = ctx.Request.Path;
        var isAccounting = path.StartsWithSegments(AccountingPrefix);
        if (!isAccounting && !path.StartsWithSegments("/connections"))
        {
            await next(ctx);
            return;
        }

        stats.Count(Operation(ctx.Request));
        try
        {
            await GuardAsync(ctx, next, isAccounting);
        }
        finally
        {
            stats.CountStatus(ctx.Response.StatusCode);
        }
    }

    private async Task GuardAsync(HttpContext ctx, RequestDelegate next, bool isAccounting)
    {
        var bearer = Bearer(ctx.Request);
        var check = tokens.Check(bearer);
        if (!check.IsValid)
        {
            // Rule: [issues] pyxero PR #337: expired tokens say TokenExpired; unknown ones AuthenticationUnsuccessful; docs/xero-rules.md#x-error-problem-details.
            var detail = check.ExpiredAt is { } at ? $"TokenExpired: token expired at {at.UtcDateTime:MM/dd/yyyy HH:mm:ss}" : "AuthenticationUnsuccessful";
            await WriteJson(ctx, 401, XeroErrors.Problem(401, "Unauthorized", detail));
            return;
        }
        if (!isAccounting)
        {
            await next(ctx);
            return;
        }

        // Rule: [D-faq-custom] a Custom Connection may omit xero-tenant-id; otherwise a missing or wrong one is
        // 403 AuthenticationUnsuccessful (dcblogdev/laravel-xero#40); docs/xero-rules.md#x-tenant-header; docs/xero-rules.md#x-custom-connection; developer.xero.com/faq/custom-integration.
        var tenant = ctx.Request.Headers["xero-tenant-id"].ToString();
        var tenantOk = tenant.Length == 0 ? check.Grant!.IsCustomConnection : Guid.TryParse(tenant, out var t) && t == tenantId;
        if (!tenantOk)
        {
            await WriteJson(ctx, 403, XeroErrors.Problem(403, "Forbidden", "AuthenticationUnsuccessful"));
            return;
        }

        var isWrite = HttpMethods.IsPut(ctx.Request.Method) || HttpMethods.IsPost(ctx.Request.Method) || HttpMethods.IsDelete(ctx.Request.Method);
        var verdict = faults.Decide(isWrite);
        if (verdict.Status is { } faultStatus)
        {
            SetLimitHeaders(ctx, limiter.Peek());
            if (faultStatus == 429)
            {
                ctx.Response.Headers.RetryAfter = "1";
                ctx.Response.Headers["X-Rate-Limit-Problem"] = "minute";
            }
            ctx.Response.StatusCode = faultStatus;
            await ctx.Response.WriteAsync(faultStatus == 503 ? "The Xero API is currently unavailable. Organisation offline." : "Injected fault", ctx.RequestAborted);
            return;
        }

        var decision = limiter.TryEnter();
        SetLimitHeaders(ctx, decision);
        if (!decision.Admitted)
        {
            ctx.Response.StatusCode = 429;
            ctx.Response.Headers.RetryAfter = decision.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            ctx.Response.Headers["X-Rate-Limit-Problem"] = decision.Problem;
            return;
        }
        try
        {
            if (verdict.Delay > TimeSpan.Zero) await Task.Delay(verdict.Delay, time, ctx.RequestAborted);
            await ProcessAsync(ctx, next, isWrite, verdict.LoseResponse);
        }
        finally
        {
            limiter.Leave();
        }
    }

    private async Task ProcessAsync(HttpContext ctx, RequestDelegate next, bool isWrite, bool loseResponse)
    {
        var body = isWrite ? await RequestBody.ReadAsync(ctx) : "";
        var key = ctx.Request.Headers["Idempotency-Key"].ToString();
        TaskCompletionSource<CapturedResponse>? owner = null;
        if (isWrite && key.Length > 0)
        {
            if (key.Length > IdempotencyStore.MaxKeyLength)
            {
                await WriteJson(ctx, 400, XeroErrors.ValidationMessage(IdempotencyStore.KeyTooLong));
                return;
            }
            var claim = idempotency.Claim(key, $"{ctx.Request.Method} {ctx.Request.Path}{ctx.Request.QueryString}\n{body}");
            if (claim.Earlier is { } earlier)
            {
                await Write(ctx, await earlier.WaitAsync(ctx.RequestAborted));
                return;
            }
            if (claim.Owner is null)
            {
                await WriteJson(ctx, 400, XeroErrors.ValidationMessage(IdempotencyStore.KeyReused(key)));
                return;
            }
            owner = claim.Owner;
        }

        var realBody = ctx.Response.Body;
        using var buffer = new MemoryStream();
        ctx.Response.Body = buffer;
        try
        {
            await next(ctx);
        }
        catch
        {
            if (owner is not null) idempotency.Abandon(key);
            owner?.TrySetCanceled();
            throw;
        }
        finally
        {
            ctx.Response.Body = realBody;
        }

        var captured = new CapturedResponse(ctx.Response.StatusCode, ctx.Response.ContentType, buffer.ToArray());
        owner?.TrySetResult(captured);
        if (isWrite)
            journal.Add(new RecordedRequest(ctx.Request.Method, $"{ctx.Request.Path}{ctx.Request.QueryString}", body, captured.Status, time.GetUtcNow()));

        if (loseResponse)
        {
            // The write is applied; the caller never hears about it. That is the case retries must survive.
            ctx.Abort();
            return;
        }
        await Write(ctx, captured);
    }

    private static async Task Write(HttpContext ctx, CapturedResponse response)
    {
        ctx.Response.StatusCode = response.Status;
        if (response.ContentType is not null) ctx.Response.ContentType = response.ContentType;
        ctx.Response.ContentLength = response.Body.Length;
        await ctx.Response.Body.WriteAsync(response.Body, ctx.RequestAborted);
    }

    private static Task WriteJson(HttpContext ctx, int status, object body) =>
        Write(ctx, new CapturedResponse(status, "application/json; charset=utf-8", Encoding.UTF8.GetBytes(XeroJson.Serialize(body))));

    // Rule: [D-faq-limits] these three headers on every API response; docs/xero-rules.md#x-rate-limit-headers; developer.xero.com/faq/limits.
    private static void SetLimitHeaders(HttpContext ctx, RateDecision decision)
    {
        ctx.Response.Headers["X-MinLimit-Remaining"] = decision.MinuteRemaining.ToString(System.Globalization.CultureInfo.InvariantCulture);
        ctx.Response.Headers["X-DayLimit-Remaining"] = decision.DayRemaining.ToString(System.Globalization.CultureInfo.InvariantCulture);
        ctx.Response.Headers["X-AppMinLimit-Remaining"] = decision.AppMinuteRemaining.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string? Bearer(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
    }

    /// <summary>"PUT /Contacts", "GET /Contacts/{id}", "GET /connections": the operation, not the instance.</summary>
    private static string Operation(HttpRequest request)
    {
        var path = request.Path.Value ?? "";
        if (path.StartsWith(AccountingPrefix, StringComparison.OrdinalIgnoreCase)) path = path[AccountingPrefix.Length..];
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var shape = segments.Length switch
        {
            0 => "/",
            1 => "/" + segments[0],
            _ => "/" + segments[0] + "/{id}" + string.Concat(segments.Skip(2).Select(s => "/" + s)),
        };
        return $"{request.Method} {shape}";
    }
}
