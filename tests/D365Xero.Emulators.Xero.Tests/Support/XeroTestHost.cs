using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace D365Xero.Emulators.Xero.Tests.Support;

/// <summary>An emulator on a free loopback port with a fake clock, and an HttpClient that speaks to it as a connector would.</summary>
public sealed class XeroTestHost : IAsyncDisposable
{
    private XeroTestHost(XeroEmulator emulator, FakeTimeProvider time)
    {
        Emulator = emulator;
        Time = time;
        Http = new HttpClient { BaseAddress = emulator.Url };
    }

    public XeroEmulator Emulator { get; }

    public FakeTimeProvider Time { get; }

    public HttpClient Http { get; }

    public static async Task<XeroTestHost> StartAsync(string? seed = null, Action<XeroEmulatorOptions>? configure = null, bool authenticate = true)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var options = new XeroEmulatorOptions { Url = "http://127.0.0.1:0", Seed = seed };
        configure?.Invoke(options);
        var host = new XeroTestHost(await XeroEmulator.StartAsync(options, time), time);
        if (authenticate)
        {
            var token = await host.ClientCredentialsTokenAsync();
            host.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            host.Http.DefaultRequestHeaders.Add("xero-tenant-id", host.Emulator.TenantId);
        }
        return host;
    }

    public async Task<string> ClientCredentialsTokenAsync()
    {
        var response = await Token(new() { ["grant_type"] = "client_credentials", ["scope"] = "accounting.contacts accounting.transactions accounting.settings" });
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return response.Body!["access_token"]!.GetValue<string>();
    }

    public async Task<Reply> Token(Dictionary<string, string> form, bool basicAuth = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token") { Content = new FormUrlEncodedContent(form) };
        if (basicAuth) request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("sandbox:sandbox")));
        return await Reply.From(await Http.SendAsync(request));
    }

    public Task<Reply> Get(string path) => Send(HttpMethod.Get, path, null);

    public Task<Reply> Put(string path, object body, string? idempotencyKey = null) => Send(HttpMethod.Put, path, body, idempotencyKey);

    public Task<Reply> Post(string path, object body, string? idempotencyKey = null) => Send(HttpMethod.Post, path, body, idempotencyKey);

    public async Task<Reply> Send(HttpMethod method, string path, object? body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new StringContent(body as string ?? System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await Reply.From(await Http.SendAsync(request));
    }

    /// <summary>Creates one contact and returns it as stored.</summary>
    public async Task<JsonNode> CreateContact(object contact)
    {
        var reply = await Put("/api.xro/2.0/Contacts", new { Contacts = new[] { contact } });
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        return reply.Body!["Contacts"]![0]!;
    }

    public async Task<JsonNode> CreateInvoice(object invoice)
    {
        var reply = await Put("/api.xro/2.0/Invoices", new { Invoices = new[] { invoice } });
        Assert.True(reply.Status == HttpStatusCode.OK, reply.Text);
        return reply.Body!["Invoices"]![0]!;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Emulator.DisposeAsync();
    }
}
