using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace D365Xero.IntegrationTests;

/// <summary>Looks into the Xero emulator through its API (what a Xero user would see) and its control API.</summary>
public sealed class XeroProbe(Uri url) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = url };
    private string? _token;

    public async Task<List<JsonObject>> ContactsAsync(bool includeArchived = true)
    {
        var all = new List<JsonObject>();
        for (var page = 1; ; page++)
        {
            var body = await GetAsync($"api.xro/2.0/Contacts?page={page}&pageSize=1000&includeArchived={includeArchived.ToString().ToLowerInvariant()}");
            var contacts = body["Contacts"]!.AsArray().Select(n => n!.AsObject()).ToList();
            all.AddRange(contacts);
            if (contacts.Count < 1000) return all;
        }
    }

    /// <summary>The Xero contact of a Dynamics account, by the ContactNumber the connector gives it (archived ones too).</summary>
    public async Task<JsonObject> ContactOfAccountAsync(Guid accountId) =>
        (await GetAsync($"api.xro/2.0/Contacts/D365-{accountId:N}"))["Contacts"]!.AsArray().Single()!.AsObject();

    public async Task<JsonObject> GetAsync(string path)
    {
        _token ??= await TokenAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>The contact with this ContactNumber (or ContactID), or null when Xero has none.</summary>
    public async Task<JsonObject?> ContactAsync(string contactNumber)
    {
        _token ??= await TokenAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "api.xro/2.0/Contacts/" + Uri.EscapeDataString(contactNumber));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        using var response = await _http.SendAsync(request);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return body["Contacts"]!.AsArray().SingleOrDefault()?.AsObject();
    }

    public Task<JsonObject> PostAsync(string path, JsonObject body) => SendAsync(HttpMethod.Post, path, body);

    public Task<JsonObject> PutAsync(string path, JsonObject body) => SendAsync(HttpMethod.Put, path, body);

    private async Task<JsonObject> SendAsync(HttpMethod method, string path, JsonObject body)
    {
        _token ??= await TokenAsync();
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>API calls the emulator has answered since the last reset, by operation ("POST /Contacts").</summary>
    public async Task<JsonObject> StatsAsync() => (await _http.GetFromJsonAsync<JsonObject>("_emulator/stats"))!;

    /// <summary>Calls of one operation since the last reset, e.g. "POST /Contacts"; 0 when there were none.</summary>
    public async Task<long> CallsAsync(string operation) =>
        (await StatsAsync())["byOperation"]![operation]?.GetValue<long>() ?? 0;

    public async Task<long> ApiCallsAsync() => (await StatsAsync())["apiCalls"]!.GetValue<long>();

    public async Task ResetStatsAsync() => (await _http.PostAsync("_emulator/stats/reset", null)).EnsureSuccessStatusCode();

    public async Task ControlAsync(string path, JsonObject? body = null) =>
        (await _http.PostAsync("_emulator/" + path, body is null ? null : JsonContent.Create(body))).EnsureSuccessStatusCode();

    public async Task DeleteAsync(string path) => (await _http.DeleteAsync(path)).EnsureSuccessStatusCode();

    public async Task ClearFaultsAsync() => (await _http.DeleteAsync("_emulator/faults")).EnsureSuccessStatusCode();

    private async Task<string> TokenAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "connect/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("sandbox:sandbox")));
        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();
    }

    public void Dispose() => _http.Dispose();
}
