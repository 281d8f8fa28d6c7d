using System.Net;
using System.Text.RegularExpressions;

namespace D365Xero.WebTests;

/// <summary>The page as served: behind its key, self-contained, and never caching stale numbers.</summary>
public sealed class StatusPageHttpTests
{
    [Fact(Timeout = 60_000)]
    public async Task The_page_needs_its_key_and_loads_nothing_from_elsewhere()
    {
        await using var host = await StatusPageHost.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(host.Url) };

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("api/status")).StatusCode);

        using var response = await http.GetAsync("?key=" + StatusPageHost.Key);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("api/status", html);
        Assert.DoesNotMatch(new Regex(@"(src|href)\s*=\s*[""']?(https?:)?//", RegexOptions.IgnoreCase), html);
        Assert.DoesNotContain("innerHTML", html);
        Assert.DoesNotContain("insertAdjacentHTML", html);
        Assert.DoesNotContain("document.write", html);
    }
}
