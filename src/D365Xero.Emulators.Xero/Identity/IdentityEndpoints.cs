using System.Net.Http.Headers;
using System.Text;
using D365Xero.Emulators.Xero.Common;

namespace D365Xero.Emulators.Xero.Identity;

/// <summary>identity.xero.com and login.xero.com, as far as a connector uses them. Not rate limited.</summary>
internal static class IdentityEndpoints
{
    public static void MapIdentity(this WebApplication app, XeroEmulatorOptions options, TokenService tokens)
    {
        // Consent is simulated: the user always approves, so the redirect carries a code at once.
        RequestDelegate authorize = ctx =>
        {
            var q = ctx.Request.Query;
            string? redirect = q["redirect_uri"];
            if (q["client_id"] != options.ClientId || q["response_type"] != "code" || string.IsNullOrEmpty(redirect))
                return Results.Json(new Dictionary<string, string> { ["error"] = "invalid_request" }, statusCode: 400).ExecuteAsync(ctx);
            var code = tokens.IssueCode(q["scope"].ToString(), redirect);
            var separator = redirect.Contains('?') ? '&' : '?';
            var location = $"{redirect}{separator}code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(q["state"].ToString())}";
            return Results.Redirect(location).ExecuteAsync(ctx);
        };
        app.MapGet("/identity/connect/authorize", authorize);
        app.MapGet("/connect/authorize", authorize);

        app.MapPost("/connect/token", async (HttpContext ctx) =>
        {
            if (!ctx.Request.HasFormContentType) return OAuthError("invalid_request");
            var form = await ctx.Request.ReadFormAsync(ctx.RequestAborted);
            var (clientId, secret) = ClientCredentials(ctx.Request, form);
            if (clientId != options.ClientId || secret != options.ClientSecret) return OAuthError("invalid_client");

            TokenResponse? issued = form["grant_type"].ToString() switch
            {
                "client_credentials" => tokens.IssueClientCredentials(form["scope"].ToString()),
                "authorization_code" => tokens.ExchangeCode(form["code"].ToString(), form["redirect_uri"].FirstOrDefault()),
                "refresh_token" => tokens.Refresh(form["refresh_token"].ToString()),
                _ => null,
            };
            if (issued is null)
                return OAuthError(form["grant_type"].ToString() is "client_credentials" or "authorization_code" or "refresh_token"
                    ? TokenService.InvalidGrant : "unsupported_grant_type");
            return Results.Text(XeroJson.Serialize(issued), "application/json", Encoding.UTF8, 200);
        });
    }

    /// <summary>Client auth by HTTP Basic or by form fields (docs/xero-rules.md#x-oauth-endpoints; developer.xero.com/faq/oauth2).</summary>
    private static (string? Id, string? Secret) ClientCredentials(HttpRequest request, IFormCollection form)
    {
        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header) &&
            string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) && header.Parameter is not null)
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter)).Split(':', 2);
                if (pair.Length == 2) return (pair[0], pair[1]);
            }
            catch (FormatException)
            {
                return (null, null);
            }
        }
        return (form["client_id"].FirstOrDefault(), form["client_secret"].FirstOrDefault());
    }

    // Rule: [issues] XeroAPI/xero-node#370, #382: HTTP 400 {"error":"invalid_grant"}; docs/xero-rules.md#x-oauth-invalid-grant.
    private static IResult OAuthError(string error) =>
        Results.Text(XeroJson.Serialize(new Dictionary<string, string> { ["error"] = error }), "application/json", Encoding.UTF8, 400);
}
