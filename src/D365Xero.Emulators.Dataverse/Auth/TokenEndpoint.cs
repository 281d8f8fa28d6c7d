using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace D365Xero.Emulators.Dataverse;

/// <summary>
/// <c>POST /{tenant}/oauth2/v2.0/token</c>, client credentials with a secret or a certificate's client assertion
/// (docs/dataverse-rules.md#d-auth-client-credentials; learn.microsoft.com/power-apps/developer/data-platform/authenticate-oauth;
/// docs/dataverse-rules.md#d-auth-credentials). Failures answer in Entra's error
/// shape with the AADSTS codes Entra uses for each case [AADSTS texts from memory, unverified here].
/// </summary>
internal static class TokenEndpoint
{
    public static async Task<IResult> HandleAsync(EmulatorContext ctx, string tenant, HttpRequest request)
    {
        var form = request.HasFormContentType ? await request.ReadFormAsync(request.HttpContext.RequestAborted) : null;
        string? Field(string name) => form?[name].FirstOrDefault();
        var options = ctx.Options;
        if (!string.Equals(tenant, options.TenantId, StringComparison.OrdinalIgnoreCase))
            return Error(ctx, 400, "invalid_request", 90002, $"AADSTS90002: Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.");
        if (Field("grant_type") != "client_credentials")
            return Error(ctx, 400, "unsupported_grant_type", 70003, "AADSTS70003: The app requested an unsupported grant type.");
        if (Field("client_id") != options.ClientId)
            return Error(ctx, 400, "unauthorized_client", 700016, $"AADSTS700016: Application with identifier '{Field("client_id")}' was not found in the directory '{tenant}'.");
        if (Field("client_assertion") is { } assertion)
        {
            if (Field("client_assertion_type") != "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                return Error(ctx, 400, "invalid_request", 90014, "AADSTS90014: The required field 'client_assertion_type' is missing or is not urn:ietf:params:oauth:client-assertion-type:jwt-bearer.");
            var audience = $"{ctx.OrgUrl}{request.Path}";
            if (AssertionCheck.Problem(assertion, options.ClientCertificate, options.ClientId, audience, ctx.Time.GetUtcNow()) is { } problem)
                return Error(ctx, 401, "invalid_client", int.Parse(problem[6..problem.IndexOf(':')], System.Globalization.CultureInfo.InvariantCulture), problem);
        }
        else if (Field("client_secret") != options.ClientSecret)
        {
            return Error(ctx, 401, "invalid_client", 7000215, "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.");
        }
        // The scope for client credentials is the resource followed by /.default (docs/dataverse-rules.md#d-auth-client-credentials; learn.microsoft.com/power-apps/developer/data-platform/authenticate-oauth).
        var scope = (Field("scope") ?? "").Replace("//.default", "/.default");
        if (!string.Equals(scope.TrimEnd('/'), ctx.OrgUrl + "/.default", StringComparison.OrdinalIgnoreCase))
            return Error(ctx, 400, "invalid_scope", 500011, $"AADSTS500011: The resource principal named {scope.Replace("/.default", "")} was not found in the tenant named {tenant}.");
        var token = ctx.Tokens.Issue(options.ClientId);
        return Results.Json(new JsonObject
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = 3599,
            ["ext_expires_in"] = 3599,
            ["access_token"] = token,
        });
    }

    private static IResult Error(EmulatorContext ctx, int status, string error, int code, string description)
    {
        var now = ctx.Time.GetUtcNow();
        var trace = Guid.NewGuid().ToString("D");
        return Results.Json(new JsonObject
        {
            ["error"] = error,
            ["error_description"] = $"{description}\r\nTrace ID: {trace}\r\nCorrelation ID: {trace}\r\nTimestamp: {now:yyyy-MM-dd HH:mm:ss}Z",
            ["error_codes"] = new JsonArray(code),
            ["timestamp"] = $"{now:yyyy-MM-dd HH:mm:ss}Z",
            ["trace_id"] = trace,
            ["correlation_id"] = trace,
        }, statusCode: status);
    }
}
