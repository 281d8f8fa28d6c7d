using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace D365Xero.Hosting.Web;

/// <summary>
/// The status page at <c>/</c>: one static HTML file (embedded <c>StatusPage.html</c>: plain CSS and
/// vanilla JS, no build step, no external assets) that reads <c>/api/status</c> every few seconds and
/// posts <c>/api/retry</c>. It builds its DOM with text nodes only, so nothing from Dynamics is parsed as HTML.
/// </summary>
public static class StatusPage
{
    private const string ResourceName = "D365Xero.Hosting.Web.StatusPage.html";

    internal static readonly string Html = Load();

    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("/", (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers["X-Content-Type-Options"] = "nosniff";
            // Everything the page needs is inline; it talks to its own origin only.
            http.Response.Headers.ContentSecurityPolicy =
                "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
            return Results.Content(Html, "text/html; charset=utf-8");
        });

    private static string Load()
    {
        using var stream = typeof(StatusPage).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
