using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace D365Xero.ReliabilityTests.Support;

/// <summary>One request the connector sent through the proxy.</summary>
public sealed record ProxiedRequest(string Method, string PathAndQuery, string Body)
{
    public bool IsXeroWrite => Method is "POST" or "PUT" && PathAndQuery.StartsWith("/api.xro/2.0/", StringComparison.Ordinal);
}

/// <summary>
/// A loopback reverse proxy between the connector and an emulator: it records every request (the
/// emulators' own logs keep only writes, without query strings), can answer in the upstream's
/// place before forwarding (a row that always fails), and can hold an answer after the upstream
/// has applied the request (the window between Xero applying a batch and the connector recording it).
/// </summary>
public sealed class RecordingProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _upstream;

    private RecordingProxy(WebApplication app, HttpClient upstream, Uri url)
    {
        _app = app;
        _upstream = upstream;
        Url = url;
    }

    public Uri Url { get; }
    public ConcurrentQueue<ProxiedRequest> Requests { get; } = new();

    /// <summary>Answers the upstream never gave, because it dropped the connection (an injected lost response).</summary>
    public int Dropped => _dropped;
    private int _dropped;

    /// <summary>Answers with this status instead of forwarding, when it returns one.</summary>
    public Func<ProxiedRequest, int?>? Intercept { get; set; }

    /// <summary>Runs after the upstream answered and before the answer is passed on; cancelled when the caller goes away.</summary>
    public Func<ProxiedRequest, int, CancellationToken, Task>? AfterUpstream { get; set; }

    public static async Task<RecordingProxy> StartAsync(Uri upstream)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Critical);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = upstream, Timeout = TimeSpan.FromMinutes(2) };
        RecordingProxy? proxy = null;
        app.Run(ctx => proxy!.ForwardAsync(ctx));
        await app.StartAsync();
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        proxy = new RecordingProxy(app, http, new Uri(bound.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)));
        return proxy;
    }

    private async Task ForwardAsync(HttpContext ctx)
    {
        using var bodyStream = new MemoryStream();
        await ctx.Request.Body.CopyToAsync(bodyStream, ctx.RequestAborted);
        var body = bodyStream.ToArray();
        var seen = new ProxiedRequest(ctx.Request.Method, $"{ctx.Request.Path}{ctx.Request.QueryString}", System.Text.Encoding.UTF8.GetString(body));
        Requests.Enqueue(seen);
        if (Intercept?.Invoke(seen) is { } status)
        {
            ctx.Response.StatusCode = status;
            await ctx.Response.WriteAsync("Injected by the test proxy", ctx.RequestAborted);
            return;
        }

        using var request = new HttpRequestMessage(new HttpMethod(ctx.Request.Method), seen.PathAndQuery.TrimStart('/'));
        if (body.Length > 0 || ctx.Request.ContentLength is not null) request.Content = new ByteArrayContent(body);
        foreach (var (name, values) in ctx.Request.Headers)
        {
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase) || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)) continue;
            if (!request.Headers.TryAddWithoutValidation(name, values.ToArray())) request.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
        }

        HttpResponseMessage response;
        try
        {
            response = await _upstream.SendAsync(request, ctx.RequestAborted);
        }
        catch (HttpRequestException)
        {
            // The upstream dropped the connection (an injected lost response): drop ours too.
            Interlocked.Increment(ref _dropped);
            ctx.Abort();
            return;
        }
        using (response)
        {
            var answer = await response.Content.ReadAsByteArrayAsync(ctx.RequestAborted);
            if (AfterUpstream is { } after)
            {
                try
                {
                    await after(seen, (int)response.StatusCode, ctx.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return; // the caller was killed while we held its answer
                }
            }
            ctx.Response.StatusCode = (int)response.StatusCode;
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            {
                if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)) continue;
                ctx.Response.Headers[name] = values.ToArray();
            }
            ctx.Response.ContentLength = answer.Length;
            await ctx.Response.Body.WriteAsync(answer, ctx.RequestAborted);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _upstream.Dispose();
    }
}
