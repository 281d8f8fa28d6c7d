using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Channels;

namespace D365Xero.Emulators.Dataverse;

/// <summary>
/// Delivers webhook POSTs (docs/dataverse-rules.md#d-webhook-retry; learn.microsoft.com/power-apps/developer/data-platform/use-webhooks) from one background loop, so deliveries leave in the order of the
/// writes and never block them. Retries once, only after 502/503/504. Bodies over 256 KB lose ParentContext,
/// InputParameters and images and carry <c>x-ms-dynamics-msg-size-exceeded</c>.
/// </summary>
internal sealed partial class WebhookDispatcher : IAsyncDisposable
{
    private const int MaxBodyBytes = 256 * 1024;
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly EmulatorContext _ctx;
    private readonly Channel<WebhookDelivery> _queue = Channel.CreateUnbounded<WebhookDelivery>(new() { SingleReader = true });
    // Timeout 60 s (docs/dataverse-rules.md#d-webhook-retry; learn.microsoft.com/power-apps/developer/data-platform/use-webhooks).
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public WebhookDispatcher(EmulatorContext ctx)
    {
        _ctx = ctx;
        _loop = Task.Run(DeliverAsync);
    }

    /// <summary>False while the control API has paused deliveries; events in that time are dropped.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Called under the store gate when a unit of work commits.</summary>
    public void Enqueue(IReadOnlyList<RowEvent> events)
    {
        if (!Enabled) return;
        var builder = new ExecutionContextBuilder(_ctx);
        foreach (var e in events)
        {
            foreach (var step in StepMatcher.Match(_ctx.Store, e))
            {
                var correlationId = Guid.NewGuid();
                var context = builder.Build(e, step, correlationId);
                var body = Serialize(context);
                var headers = new List<KeyValuePair<string, string>>();
                if (Encoding.UTF8.GetByteCount(body) > MaxBodyBytes)
                {
                    context["ParentContext"] = null;
                    context["InputParameters"] = new System.Text.Json.Nodes.JsonArray();
                    context["PreEntityImages"] = new System.Text.Json.Nodes.JsonArray();
                    context["PostEntityImages"] = new System.Text.Json.Nodes.JsonArray();
                    body = Serialize(context);
                    headers.Add(new("x-ms-dynamics-msg-size-exceeded", "true"));
                }
                var url = Endpoint(step.Endpoint, headers);
                if (url is null) continue;
                headers.Add(new("x-ms-dynamics-organization", _ctx.Url.Authority));
                headers.Add(new("x-ms-dynamics-entity-name", e.Table.LogicalName));
                headers.Add(new("x-ms-dynamics-request-name", e.MessageName));
                headers.Add(new("x-ms-correlation-request-id", correlationId.ToString("D")));
                _queue.Writer.TryWrite(new WebhookDelivery(url, headers, body));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stop.CancelAsync();
        try { await _loop; }
        catch (OperationCanceledException) { /* stopping */ }
        _http.Dispose();
        _stop.Dispose();
    }

    /// <summary>
    /// The endpoint URL plus its auth: HttpHeader (5) adds headers and HttpQueryString (6) query parameters from
    /// <c>&lt;settings&gt;&lt;setting name value/&gt;&lt;/settings&gt;</c>; WebhookKey (4) adds <c>?code=</c> (docs/dataverse-rules.md#d-webhook-endpoint; learn.microsoft.com/power-apps/developer/data-platform/register-web-hook).
    /// </summary>
    private Uri? Endpoint(Row endpoint, List<KeyValuePair<string, string>> headers)
    {
        var definition = _ctx.Store.Schema["serviceendpoint"];
        if (endpoint[definition.Find("url")!] is not string url || !Uri.TryCreate(url, UriKind.Absolute, out var uri)) return null;
        var authType = endpoint[definition.Find("authtype")!] as int? ?? 0;
        var authValue = endpoint[definition.Find("authvalue")!] as string ?? "";
        var settings = SettingPattern().Matches(authValue).Select(m => new KeyValuePair<string, string>(m.Groups[1].Value, System.Net.WebUtility.HtmlDecode(m.Groups[2].Value))).ToList();
        switch (authType)
        {
            case 5:
                headers.AddRange(settings);
                return uri;
            case 6:
                return Append(uri, settings);
            case 4:
                return Append(uri, [new("code", authValue)]);
            default:
                return uri;
        }
    }

    private static Uri Append(Uri uri, IEnumerable<KeyValuePair<string, string>> query)
    {
        var extra = string.Join("&", query.Select(q => Uri.EscapeDataString(q.Key) + "=" + Uri.EscapeDataString(q.Value)));
        return new Uri(uri + (uri.Query.Length > 0 ? "&" : "?") + extra);
    }

    /// <summary>DataContractJsonSerializer escapes every '/' as '\/'; '/' only occurs inside JSON strings, so this is safe.</summary>
    private static string Serialize(System.Text.Json.Nodes.JsonObject context) =>
        context.ToJsonString(Json).Replace("/", "\\/");

    private async Task DeliverAsync()
    {
        await foreach (var delivery in _queue.Reader.ReadAllAsync(_stop.Token))
        {
            var status = await SendAsync(delivery);
            // One more attempt, and only after 502, 503 or 504 (docs/dataverse-rules.md#d-webhook-retry; learn.microsoft.com/power-apps/developer/data-platform/use-webhooks).
            if (status is 502 or 503 or 504) status = await SendAsync(delivery);
            if (status is >= 200 and < 300) _ctx.Stats.WebhookDelivered();
            else _ctx.Stats.WebhookFailed();
        }
    }

    private async Task<int> SendAsync(WebhookDelivery delivery)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url)
        {
            Content = new StringContent(delivery.Body, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        foreach (var (name, value) in delivery.Headers) request.Headers.TryAddWithoutValidation(name, value);
        try
        {
            using var response = await _http.SendAsync(request, _stop.Token);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return 0; // unreachable receiver: a failure, not retried (only 502/503/504 are)
        }
        catch (TaskCanceledException) when (!_stop.IsCancellationRequested)
        {
            return 0; // 60 s timeout
        }
    }

    [GeneratedRegex("<setting\\s+name=\"([^\"]*)\"\\s+value=\"([^\"]*)\"\\s*/>")]
    private static partial Regex SettingPattern();
}
