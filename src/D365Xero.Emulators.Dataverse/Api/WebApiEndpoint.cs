using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;

namespace D365Xero.Emulators.Dataverse;

/// <summary>
/// The HTTP edge of the Web API: bearer-token check (docs/dataverse-rules.md#d-auth-client-credentials; learn.microsoft.com/power-apps/developer/data-platform/authenticate-oauth), service protection and injected faults
/// (docs/dataverse-rules.md#d-service-protection; learn.microsoft.com/power-apps/developer/data-platform/api-limits), call statistics, then the <see cref="WebApiDispatcher"/>.
/// </summary>
internal sealed class WebApiEndpoint(EmulatorContext ctx)
{
    private readonly WebApiDispatcher _dispatcher = new(ctx);

    /// <summary>
    /// The longest URL the Web API accepts: 32 KB (32,768 characters). Rule: docs/dataverse-rules.md#d-url-length
    /// (learn.microsoft.com/power-apps/developer/data-platform/webapi/compose-http-requests-handle-errors#maximum-url-length).
    /// </summary>
    public const int MaxUrlLength = 32_768;

    public async Task HandleAsync(HttpContext http, string? path)
    {
        path ??= "";
        if (http.Request.GetEncodedUrl().Length > MaxUrlLength)
        {
            // The status for a longer one is HTTP's own "URI Too Long" (RFC 9110 §15.5.15); Dataverse's body for it [unverified]: none.
            http.Response.StatusCode = StatusCodes.Status414UriTooLong;
            return;
        }
        var token = ctx.Tokens.Validate(http.Request.Headers.Authorization.FirstOrDefault());
        if (token is null)
        {
            // An expired or foreign token gets 401 with the Bearer challenge and no body [body shape unverified].
            http.Response.StatusCode = 401;
            http.Response.Headers.WWWAuthenticate = $"Bearer authorization_uri={ctx.OrgUrl}/{ctx.Options.TenantId}/oauth2/authorize, resource_id={ctx.OrgUrl}/";
            return;
        }
        ctx.Stats.Call(http.Request.Method + " " + OperationName(path));
        try
        {
            ctx.Protection.Enter(token.ClientId);
        }
        catch (DataverseException e)
        {
            ctx.Stats.Throttled();
            await WriteAsync(http, ApiResponse.Error(e));
            return;
        }
        try
        {
            if (ctx.Faults.Next(ctx.Protection) is { } fault)
            {
                if (fault.Status == 429) ctx.Stats.Throttled();
                await WriteAsync(http, ApiResponse.Error(fault));
                return;
            }
            if (ctx.Faults.DelayMs is > 0 and var delay) await Task.Delay(TimeSpan.FromMilliseconds(delay), ctx.Time, http.RequestAborted);
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync(http.RequestAborted);
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (name, values) in http.Request.Headers) headers[name] = values.ToString();
            var request = new ApiRequest
            {
                Method = http.Request.Method.ToUpperInvariant(),
                Path = path,
                Query = http.Request.QueryString.Value ?? "",
                Headers = headers,
                Body = body,
            };
            await WriteAsync(http, _dispatcher.Dispatch(request));
        }
        finally
        {
            ctx.Protection.Release(token.ClientId);
        }
    }

    /// <summary>"accounts(…)/…" → "accounts", for stats keys such as "GET accounts".</summary>
    private static string OperationName(string path)
    {
        var first = path.Split('/')[0];
        var paren = first.IndexOf('(');
        return paren < 0 ? first : first[..paren];
    }

    private static async Task WriteAsync(HttpContext http, ApiResponse response)
    {
        http.Response.StatusCode = response.Status;
        http.Response.Headers["OData-Version"] = "4.0";
        foreach (var (name, value) in response.Headers) http.Response.Headers[name] = value;
        if (response.Body is null) return;
        http.Response.ContentType = response.ContentType;
        await http.Response.WriteAsync(response.Body, http.RequestAborted);
    }
}
