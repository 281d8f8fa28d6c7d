using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace D365Xero.IntegrationTests;

/// <summary>Plays the Dynamics user: creates, changes and deletes rows through the emulator's Web API.</summary>
public sealed class DynamicsTestClient(Uri url) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = url };
    private string? _token;

    private async Task<HttpRequestMessage> RequestAsync(HttpMethod method, string path, JsonObject? body = null)
    {
        _token ??= await TokenAsync();
        var request = new HttpRequestMessage(method, "api/data/v9.2/" + path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        request.Headers.Add("Prefer", "odata.include-annotations=\"*\"");
        if (body is not null) request.Content = JsonContent.Create(body);
        return request;
    }

    private async Task<string> TokenAsync()
    {
        var response = await _http.PostAsync("sandbox/oauth2/v2.0/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "sandbox", ["client_secret"] = "sandbox",
            ["scope"] = _http.BaseAddress!.ToString().TrimEnd('/') + "/.default",
        }));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();
    }

    public async Task<Guid> CreateAsync(string entitySet, JsonObject body)
    {
        using var response = await _http.SendAsync(await RequestAsync(HttpMethod.Post, entitySet, body));
        await EnsureAsync(response);
        var location = response.Headers.GetValues("OData-EntityId").Single();
        return Guid.Parse(location[(location.LastIndexOf('(') + 1)..^1]);
    }

    /// <summary>POSTs to an action (e.g. <c>FulfillSalesOrder</c>) and fails unless it succeeds.</summary>
    public async Task PostAsync(string path, JsonObject body)
    {
        using var response = await _http.SendAsync(await RequestAsync(HttpMethod.Post, path, body));
        await EnsureAsync(response);
    }

    public async Task UpdateAsync(string entitySet, Guid id, JsonObject body)
    {
        using var request = await RequestAsync(HttpMethod.Patch, $"{entitySet}({id})", body);
        request.Headers.IfMatch.Add(EntityTagHeaderValue.Any);
        using var response = await _http.SendAsync(request);
        await EnsureAsync(response);
    }

    /// <summary>Clears a lookup, as the form does when a user empties it: <c>DELETE {set}({id})/{navigation}/$ref</c>.</summary>
    public async Task ClearLookupAsync(string entitySet, Guid id, string navigation)
    {
        using var response = await _http.SendAsync(await RequestAsync(HttpMethod.Delete, $"{entitySet}({id})/{navigation}/$ref"));
        await EnsureAsync(response);
    }

    public async Task DeleteAsync(string entitySet, Guid id)
    {
        using var response = await _http.SendAsync(await RequestAsync(HttpMethod.Delete, $"{entitySet}({id})"));
        await EnsureAsync(response);
    }

    public async Task<JsonObject> GetAsync(string entitySet, Guid id)
    {
        using var response = await _http.SendAsync(await RequestAsync(HttpMethod.Get, $"{entitySet}({id})"));
        await EnsureAsync(response);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public async Task<List<JsonObject>> QueryAsync(string query)
    {
        using var response = await _http.SendAsync(await RequestAsync(HttpMethod.Get, query));
        await EnsureAsync(response);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return body["value"]!.AsArray().Select(n => n!.AsObject()).ToList();
    }

    public async Task ControlAsync(string path, JsonObject? body = null)
    {
        using var response = await _http.PostAsync("_emulator/" + path, body is null ? null : JsonContent.Create(body));
        await EnsureAsync(response);
    }

    private static async Task EnsureAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    public void Dispose() => _http.Dispose();
}
