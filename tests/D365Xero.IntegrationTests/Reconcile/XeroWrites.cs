using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace D365Xero.IntegrationTests.Reconcile;

/// <summary>What a person does in Xero through its API (create a contact, delete an item), for the drift tests.</summary>
public sealed class XeroWrites(Uri url) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = url };

    public async Task<JsonObject> PutAsync(string path, JsonObject body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body) };
        using var response = await SendAsync(request);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public async Task DeleteAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, path);
        using var _ = await SendAsync(request);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        using var token = new HttpRequestMessage(HttpMethod.Post, "connect/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
        };
        token.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("sandbox:sandbox")));
        using var tokenResponse = await _http.SendAsync(token);
        var accessToken = (await tokenResponse.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return (await _http.SendAsync(request)).EnsureSuccessStatusCode();
    }

    public void Dispose() => _http.Dispose();
}
