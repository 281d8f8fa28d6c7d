using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace D365Xero.Hosting.Web;

/// <summary>The status page at <c>/</c>: plain HTML that reads <c>/api/status</c>; no build step.</summary>
public static class StatusPage
{
    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("/", () => Results.Content(Html, "text/html; charset=utf-8"));

    private const string Html = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>d365-xero status</title></head>
        <body><h1>d365-xero</h1><pre id="status">Loading…</pre>
        <script>
        fetch('api/status' + location.search).then(r => r.json()).then(s => document.getElementById('status').textContent = JSON.stringify(s, null, 2));
        </script></body></html>
        """;
}
