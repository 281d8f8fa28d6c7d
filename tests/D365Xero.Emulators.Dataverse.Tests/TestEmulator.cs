using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace D365Xero.Emulators.Dataverse.Tests;

/// <summary>A running emulator on a free loopback port with a fake clock, and an HttpClient holding a token.</summary>
internal sealed class TestEmulator : IAsyncDisposable
{
    private TestEmulator(DataverseEmulator emulator, FakeTimeProvider time, HttpClient http)
    {
        Emulator = emulator;
        Time = time;
        Http = http;
    }

    public DataverseEmulator Emulator { get; }
    public FakeTimeProvider Time { get; }
    public HttpClient Http { get; }
    public string Api => Emulator.Url.GetLeftPart(UriPartial.Authority) + "/api/data/v9.2/";

    public static async Task<TestEmulator> StartAsync(string? seed = null, Action<DataverseEmulatorOptions>? configure = null)
    {
        var options = new DataverseEmulatorOptions { Url = "http://127.0.0.1:0", Seed = seed };
        configure?.Invoke(options);
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero));
        var emulator = await DataverseEmulator.StartAsync(options, time);
        var http = new HttpClient { BaseAddress = emulator.Url };
        var test = new TestEmulator(emulator, time, http);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await test.TokenAsync());
        return test;
    }

    public async Task<string> TokenAsync(string secret = "sandbox")
    {
        using var response = await RequestTokenAsync("sandbox", secret);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return json["access_token"]!.GetValue<string>();
    }

    public async Task<HttpResponseMessage> RequestTokenAsync(string tenant, string secret, string clientId = "sandbox")
    {
        using var anonymous = new HttpClient { BaseAddress = Emulator.Url };
        return await anonymous.PostAsync($"/{tenant}/oauth2/v2.0/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
            ["scope"] = Emulator.Url.GetLeftPart(UriPartial.Authority) + "/.default",
        }));
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, path.StartsWith("http", StringComparison.Ordinal) ? path : Api + path);
        if (body is not null)
            request.Content = new StringContent(body is string s ? s : System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return await Http.SendAsync(request);
    }

    public async Task<JsonObject> GetJsonAsync(string path, params (string Name, string Value)[] headers)
    {
        using var response = await SendAsync(HttpMethod.Get, path, null, headers);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>POSTs a row and returns its id from the OData-EntityId header.</summary>
    public async Task<Guid> CreateAsync(string set, object body)
    {
        using var response = await SendAsync(HttpMethod.Post, set, body);
        Assert.True(response.StatusCode == HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
        var entityId = response.Headers.GetValues("OData-EntityId").Single();
        return Guid.Parse(entityId[(entityId.LastIndexOf('(') + 1)..^1]);
    }

    public static async Task<JsonObject> ErrorAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.AsObject();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Emulator.DisposeAsync();
    }
}
