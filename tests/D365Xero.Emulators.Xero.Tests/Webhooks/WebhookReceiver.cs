using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace D365Xero.Emulators.Xero.Tests.Webhooks;

/// <summary>
/// A webhook endpoint on loopback as the connector would run one: it keeps every post (raw body and signature)
/// and answers as <see cref="Answer"/> says (default: 200 with no body when the signature is right, 401 when not).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public const string Key = "test-webhook-key-0123456789";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Received> _posts = new();
    private readonly SemaphoreSlim _arrived = new(0);

    private WebhookReceiver(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    /// <summary>How a post is answered; may wait (e.g. on a TaskCompletionSource) to answer late.</summary>
    public Func<Received, Task<int>> Answer { get; set; } = r => Task.FromResult(r.SignedWith(Key) ? 200 : 401);

    public IReadOnlyList<Received> Posts => _posts.ToList();

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        WebhookReceiver? self = null;
        app.MapPost("/xero/webhooks", async (HttpContext ctx) =>
        {
            using var buffer = new MemoryStream();
            await ctx.Request.Body.CopyToAsync(buffer);
            var received = new Received(buffer.ToArray(), ctx.Request.Headers["x-xero-signature"].ToString());
            self!._posts.Enqueue(received);
            self._arrived.Release();
            ctx.Response.StatusCode = await self.Answer(received);
        });
        await app.StartAsync();
        var bound = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        self = new WebhookReceiver(app, new Uri(new Uri(bound), "/xero/webhooks"));
        return self;
    }

    /// <summary>Waits (at most 10 s of real time, for the emulator's background send) for the next post not yet taken.</summary>
    public async Task<Received> NextAsync()
    {
        Assert.True(await _arrived.WaitAsync(TimeSpan.FromSeconds(10)), "no webhook post arrived");
        return _posts.ElementAt(_taken++);
    }

    private int _taken;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public sealed record Received(byte[] Body, string Signature)
    {
        public JsonNode Json => JsonNode.Parse(Body)!;

        public bool SignedWith(string key) =>
            Signature == Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Body));
    }
}
