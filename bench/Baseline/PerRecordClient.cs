using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace D365Xero.Bench.Baseline;

/// <summary>
/// What a Logic App's actions amount to: one Dataverse read per row, one Xero PUT/POST of one element, one
/// Dataverse PATCH writing the Xero id back. Xero calls go one at a time under the same 60-per-window pace as
/// ours (a generous baseline: a Logic App does not pace, it meets 429s), and a 429 waits its Retry-After.
/// </summary>
public sealed class PerRecordClient : IDisposable
{
    private readonly HttpClient _dataverse;
    private readonly HttpClient _xero;
    private readonly Queue<DateTimeOffset> _starts = new();
    private string? _dataverseToken;
    private string? _xeroToken;

    public PerRecordClient(Uri dataverse, Uri xero)
    {
        _dataverse = new HttpClient { BaseAddress = dataverse };
        _xero = new HttpClient { BaseAddress = xero };
    }

    public long Http429 { get; private set; }

    public async Task<JsonObject> DataverseGetAsync(string path, CancellationToken ct)
    {
        using var request = await DataverseRequestAsync(HttpMethod.Get, path, null, ct);
        using var response = await _dataverse.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!;
    }

    /// <summary>Every id of a table, 5,000 a page: the one listing a scheduled Logic App does before its for-each.</summary>
    public async Task<List<Guid>> ListIdsAsync(string entitySet, string idColumn, CancellationToken ct)
    {
        var ids = new List<Guid>();
        string? next = $"{entitySet}?$select={idColumn}";
        while (next is not null)
        {
            var page = await DataverseGetAsync(next, ct);
            ids.AddRange(page["value"]!.AsArray().Select(r => Guid.Parse(r![idColumn]!.GetValue<string>())));
            next = page["@odata.nextLink"]?.GetValue<string>();
        }
        return ids;
    }

    public async Task DataversePatchAsync(string path, JsonObject body, CancellationToken ct)
    {
        using var request = await DataverseRequestAsync(HttpMethod.Patch, path, body, ct);
        request.Headers.IfMatch.Add(EntityTagHeaderValue.Any);
        using var response = await _dataverse.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Creates a row; its id, from the <c>OData-EntityId</c> header Dataverse answers 204 with.</summary>
    public async Task<Guid> DataverseCreateAsync(string entitySet, JsonObject body, CancellationToken ct)
    {
        using var request = await DataverseRequestAsync(HttpMethod.Post, entitySet, body, ct);
        using var response = await _dataverse.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        var entityId = response.Headers.GetValues("OData-EntityId").First();
        var open = entityId.LastIndexOf('(');
        return Guid.Parse(entityId[(open + 1)..^1]);
    }

    /// <summary>One element to Xero; the element back (with its id) or null when Xero refused it.</summary>
    public async Task<JsonObject?> XeroPostOneAsync(string collection, JsonObject element, CancellationToken ct)
    {
        using var response = await XeroPostAsync($"api.xro/2.0/{collection}", new JsonObject { [collection] = new JsonArray(element) }, ct);
        if (!response.IsSuccessStatusCode) return null;
        var reply = (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!;
        return reply[collection]?.AsArray().FirstOrDefault()?.AsObject();
    }

    /// <summary>Many elements to Xero in one call (<c>summarizeErrors=false</c>: each element answers for itself); the elements back, in order.</summary>
    public async Task<JsonArray> XeroPostManyAsync(string collection, JsonArray elements, CancellationToken ct)
    {
        using var response = await XeroPostAsync($"api.xro/2.0/{collection}?summarizeErrors=false", new JsonObject { [collection] = elements }, ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>(ct))![collection]!.AsArray();
    }

    /// <summary>One POST paced to the minute's limit, sent again after each 429 once its Retry-After has passed; the answer that is not a 429.</summary>
    private async Task<HttpResponseMessage> XeroPostAsync(string path, JsonObject envelope, CancellationToken ct)
    {
        var body = envelope.ToJsonString();
        while (true)
        {
            await PaceAsync(ct);
            _xeroToken ??= await XeroTokenAsync(ct);
            using var request = new HttpRequestMessage(HttpMethod.Post, path)
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _xeroToken);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            var response = await _xero.SendAsync(request, ct);
            if (response.StatusCode != HttpStatusCode.TooManyRequests) return response;
            Http429++;
            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            response.Dispose();
            await Task.Delay(wait, ct);
        }
    }

    /// <summary>Up to 1,000 PATCHes in one Dataverse <c>$batch</c> (no change set: each stands alone).</summary>
    public async Task DataverseBatchPatchAsync(IReadOnlyList<(string Path, JsonObject Body)> patches, CancellationToken ct)
    {
        var boundary = "batch_" + Guid.NewGuid().ToString("N");
        var sb = new StringBuilder();
        foreach (var (path, body) in patches)
        {
            sb.Append("--").Append(boundary).Append("\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n");
            sb.Append("PATCH ").Append(_dataverse.BaseAddress).Append("api/data/v9.2/").Append(path).Append(" HTTP/1.1\r\n");
            sb.Append("Content-Type: application/json\r\nIf-Match: *\r\n\r\n").Append(body.ToJsonString()).Append("\r\n");
        }
        sb.Append("--").Append(boundary).Append("--\r\n");
        using var request = await DataverseRequestAsync(HttpMethod.Post, "$batch", null, ct);
        request.Content = new StringContent(sb.ToString(), Encoding.UTF8);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/mixed; boundary={boundary}");
        using var response = await _dataverse.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
    }

    private async Task PaceAsync(CancellationToken ct)
    {
        // A 10 ms margin: the server starts its window when the call arrives, a little after we start ours.
        var window = EmulatorProcess.MinuteWindow + TimeSpan.FromMilliseconds(10);
        while (true)
        {
            var now = DateTimeOffset.UtcNow;
            while (_starts.Count > 0 && _starts.Peek() + window <= now) _starts.Dequeue();
            if (_starts.Count < EmulatorProcess.MinuteLimit)
            {
                _starts.Enqueue(now);
                return;
            }
            await Task.Delay(_starts.Peek() + window - now, ct);
        }
    }

    private async Task<HttpRequestMessage> DataverseRequestAsync(HttpMethod method, string path, JsonObject? body, CancellationToken ct)
    {
        _dataverseToken ??= await DataverseTokenAsync(ct);
        var request = new HttpRequestMessage(method, "api/data/v9.2/" + path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _dataverseToken);
        request.Headers.Add("Prefer", "odata.include-annotations=\"*\",odata.maxpagesize=5000");
        if (body is not null) request.Content = JsonContent.Create(body);
        return request;
    }

    private async Task<string> DataverseTokenAsync(CancellationToken ct)
    {
        using var response = await _dataverse.PostAsync("sandbox/oauth2/v2.0/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "sandbox", ["client_secret"] = "sandbox",
            ["scope"] = _dataverse.BaseAddress!.ToString().TrimEnd('/') + "/.default",
        }), ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!["access_token"]!.GetValue<string>();
    }

    private async Task<string> XeroTokenAsync(CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "connect/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("sandbox:sandbox")));
        using var response = await _xero.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!["access_token"]!.GetValue<string>();
    }

    public void Dispose()
    {
        _dataverse.Dispose();
        _xero.Dispose();
    }
}
