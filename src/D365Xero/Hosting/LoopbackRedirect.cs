using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace D365Xero.Hosting;

/// <summary>
/// The loopback redirect of the authorization-code flow (<c>http://localhost:{port}/callback</c>;
/// Xero allows <c>http://localhost</c> redirect URIs, docs/xero-rules.md#x-oauth-endpoints; developer.xero.com/faq/oauth2): listens until the browser
/// comes back once, and keeps the first answer.
/// </summary>
internal sealed class LoopbackRedirect : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TaskCompletionSource<ConsentCallback> _callback = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private LoopbackRedirect(WebApplication app) => _app = app;

    public Uri RedirectUri { get; private set; } = null!;

    public static async Task<LoopbackRedirect> StartAsync(int port, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        // "localhost" binds both loopbacks (a browser may try ::1 first); a dynamic port needs an address.
        builder.WebHost.UseUrls(port == 0 ? "http://127.0.0.1:0" : $"http://localhost:{port}");
        var app = builder.Build();
        var redirect = new LoopbackRedirect(app);
        app.MapGet("/callback", (HttpContext http) => redirect.Receive(http.Request.Query));
        try
        {
            await app.StartAsync(ct);
        }
        catch (IOException e)
        {
            await app.DisposeAsync();
            throw new XeroConsentException(
                $"Cannot listen on port {port} for Xero's redirect ({e.Message}). Free it, or pass --port with another one and register http://localhost:PORT/callback as a redirect URI of the Xero app.", e);
        }
        var root = port == 0 ? app.Urls.First() : $"http://localhost:{port}";
        redirect.RedirectUri = new Uri(root.TrimEnd('/') + "/callback");
        return redirect;
    }

    /// <summary>The first answer the browser brought; waits until <paramref name="ct"/> gives up.</summary>
    public Task<ConsentCallback> WaitAsync(CancellationToken ct) => _callback.Task.WaitAsync(ct);

    private IResult Receive(IQueryCollection query)
    {
        var callback = new ConsentCallback(
            NullIfEmpty(query["code"]), NullIfEmpty(query["state"]), NullIfEmpty(query["error"]), NullIfEmpty(query["error_description"]));
        if (!_callback.TrySetResult(callback))
            return Results.Text("d365-xero already has Xero's answer; this window can be closed.", statusCode: 409);
        return Results.Text(callback.Code is null
            ? "d365-xero: Xero did not grant access. The terminal says why; this window can be closed."
            : "d365-xero received Xero's answer. Return to the terminal; this window can be closed.");
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
