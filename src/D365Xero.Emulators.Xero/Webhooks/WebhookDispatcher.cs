using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace D365Xero.Emulators.Xero.Webhooks;

/// <summary>
/// Delivers the organisation's changes to the subscribed URL as Xero does: events gathered for a short window
/// into one signed POST {"events":[…],"firstEventSequence","lastEventSequence","entropy"} with monotonic sequence
/// numbers; a delivery not answered 200 within 5 s is retried with decreasing frequency for up to 24 hours, then
/// the webhook is disabled. Every wait goes through the injected <see cref="TimeProvider"/>.
/// Rule: docs/xero-rules.md#x-webhook-events, #x-webhook-signature, #x-webhook-retries;
/// developer.xero.com/documentation/webhooks/configuring-your-server.
/// </summary>
internal sealed class WebhookDispatcher : IAsyncDisposable
{
    /// <summary>Xero's limit for an answer. Rule: docs/xero-rules.md#x-webhook-response.</summary>
    public static readonly TimeSpan AnswerWithin = TimeSpan.FromSeconds(5);

    /// <summary>How long Xero keeps retrying a delivery before it disables the webhook. Rule: docs/xero-rules.md#x-webhook-retries.</summary>
    public static readonly TimeSpan RetryFor = TimeSpan.FromHours(24);

    /// <summary>
    /// The wait after each failed attempt, growing ("decreasing frequency"); the last repeats. Xero publishes no
    /// schedule, so these are the emulator's: 1, 5, 15, 30 minutes, 1, 2, 4, 8 hours.
    /// </summary>
    public static readonly TimeSpan[] RetryDelays =
    [
        TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(4), TimeSpan.FromHours(8),
    ];

    private const int RecentKept = 50;

    private readonly TimeProvider _time;
    private readonly Guid _tenantId;
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false, UseCookies = false }) { Timeout = Timeout.InfiniteTimeSpan };
    private readonly CancellationTokenSource _stopping = new();
    private readonly object _sync = new();
    private readonly List<Dictionary<string, object?>> _buffer = [];
    private readonly Dictionary<ITimer, DateTimeOffset> _timers = [];
    private readonly LinkedList<Dictionary<string, object?>> _recent = new();
    private WebhookSubscription? _subscription;
    private ITimer? _flushTimer;
    private bool _enabled;
    private string? _disabledReason;
    private int _sequence, _attempts, _delivered, _failures, _eventsSent, _eventsDropped;

    public WebhookDispatcher(TimeProvider time, Guid tenantId, TimeSpan batchWindow)
    {
        _time = time;
        _tenantId = tenantId;
        BatchWindow = batchWindow;
    }

    /// <summary>How long events gather before they go as one delivery.</summary>
    public TimeSpan BatchWindow { get; set; }

    /// <summary>The emulator's own address, for each event's resourceUrl.</summary>
    public Uri ApiBase { get; set; } = new("http://127.0.0.1/");

    public WebhookSubscription? Subscription
    {
        get { lock (_sync) return _subscription; }
    }

    /// <summary>Subscribes (or changes the subscription) and enables the webhook.</summary>
    public void Subscribe(WebhookSubscription subscription)
    {
        lock (_sync)
        {
            _subscription = subscription;
            _enabled = true;
            _disabledReason = null;
        }
    }

    /// <summary>Called by the books under the organisation's lock: only queues.</summary>
    public void OnChange(ResourceChange change)
    {
        lock (_sync)
        {
            if (_subscription is null || !_subscription.Categories.Contains(change.Category)) return;
            if (!_enabled)
            {
                _eventsDropped++;
                return;
            }
            var e = new Dictionary<string, object?>
            {
                ["resourceUrl"] = new Uri(ApiBase, $"api.xro/2.0/{change.Resource}/{change.ResourceId}").ToString(),
                ["resourceId"] = change.ResourceId.ToString(),
                ["tenantId"] = _tenantId.ToString(),
                ["tenantType"] = "ORGANISATION",
                ["eventCategory"] = change.Category,
                ["eventType"] = change.Created ? "CREATE" : "UPDATE",
                ["eventDateUtc"] = change.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fff", CultureInfo.InvariantCulture),
            };
            if (change.Data is not null) e["data"] = change.Data;
            e["sequence"] = ++_sequence;
            _buffer.Add(e);
            if (_flushTimer is null)
            {
                _flushTimer = _time.CreateTimer(_ => Flush(), null, BatchWindow, Timeout.InfiniteTimeSpan);
                _timers[_flushTimer] = _time.GetUtcNow() + BatchWindow;
            }
        }
    }

    private void Flush()
    {
        Delivery delivery;
        lock (_sync)
        {
            if (_flushTimer is not null)
            {
                _timers.Remove(_flushTimer);
                _flushTimer.Dispose();
                _flushTimer = null;
            }
            if (_buffer.Count == 0) return;
            var first = (int)_buffer[0]["sequence"]!;
            var last = (int)_buffer[^1]["sequence"]!;
            foreach (var e in _buffer) e.Remove("sequence");
            var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
            {
                ["events"] = _buffer.ToList(),
                ["firstEventSequence"] = first,
                ["lastEventSequence"] = last,
                ["entropy"] = WebhookSignature.Entropy(),
            });
            delivery = new Delivery(body, first, last, _buffer.Count, _time.GetUtcNow());
            _buffer.Clear();
        }
        _ = Task.Run(() => AttemptAsync(delivery, 1));
    }

    private async Task AttemptAsync(Delivery delivery, int attempt)
    {
        WebhookSubscription? subscription;
        lock (_sync)
        {
            subscription = _enabled ? _subscription : null;
            if (subscription is null) return;
            _attempts++;
        }
        var answer = await PostAsync(subscription, delivery.Body, WebhookSignature.Sign(delivery.Body, subscription.Key));
        // Rule: only a 200 within 5 s is accepted; docs/xero-rules.md#x-webhook-response.
        var ok = answer.Status == 200 && answer.InTime;
        lock (_sync)
        {
            Remember(new Dictionary<string, object?>
            {
                ["firstEventSequence"] = delivery.First, ["lastEventSequence"] = delivery.Last, ["events"] = delivery.Events,
                ["attempt"] = attempt, ["status"] = answer.Status, ["inTime"] = answer.InTime, ["ok"] = ok,
                ["at"] = _time.GetUtcNow().UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            });
            if (ok)
            {
                _delivered++;
                _eventsSent += delivery.Events;
                return;
            }
            _failures++;
            if (_stopping.IsCancellationRequested || !_enabled) return;
            var delay = RetryDelays[Math.Min(attempt - 1, RetryDelays.Length - 1)];
            // Rule: retried "with decreasing frequency for up to 24 hours", then disabled; docs/xero-rules.md#x-webhook-retries.
            if (_time.GetUtcNow() + delay - delivery.FirstAttemptAt > RetryFor)
            {
                Disable("Deliveries failed for 24 hours; the webhook was disabled (re-enable it with POST /_emulator/webhooks).");
                return;
            }
            ITimer? timer = null;
            timer = _time.CreateTimer(_ =>
            {
                lock (_sync) if (timer is not null) { _timers.Remove(timer); timer.Dispose(); }
                _ = Task.Run(() => AttemptAsync(delivery, attempt + 1));
            }, null, delay, Timeout.InfiniteTimeSpan);
            _timers[timer] = _time.GetUtcNow() + delay;
        }
    }

    private void Disable(string reason)
    {
        _enabled = false;
        _disabledReason = reason;
        foreach (var timer in _timers.Keys) timer.Dispose();
        _timers.Clear();
        _flushTimer = null;
        _eventsDropped += _buffer.Count;
        _buffer.Clear();
    }

    /// <summary>One POST; the status (0 when none came) and whether it came within 5 s with an empty body.</summary>
    internal async Task<Answer> PostAsync(WebhookSubscription subscription, byte[] body, string signature)
    {
        using var timeout = new CancellationTokenSource(AnswerWithin, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _stopping.Token);
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation(WebhookSignature.Header, signature);
        try
        {
            using var response = await _http.SendAsync(request, linked.Token);
            var text = await response.Content.ReadAsByteArrayAsync(linked.Token);
            return new Answer((int)response.StatusCode, true, text.Length == 0);
        }
        catch (OperationCanceledException)
        {
            return new Answer(0, false, true);
        }
        catch (HttpRequestException e)
        {
            return new Answer(e.StatusCode is HttpStatusCode code ? (int)code : 0, true, true);
        }
        catch (ObjectDisposedException)
        {
            return new Answer(0, false, true);
        }
    }

    /// <summary>
    /// Intent to receive: several posts with no events, some signed with the key and some not; the endpoint must
    /// answer 200 to each good one and 401 to each bad one, with an empty body, within 5 s. Passing enables the
    /// webhook; failing disables it. Rule: docs/xero-rules.md#x-webhook-intent-to-receive;
    /// developer.xero.com/documentation/webhooks/configuring-your-server.
    /// </summary>
    public async Task<Dictionary<string, object?>> IntentToReceiveAsync()
    {
        var subscription = Subscription ?? throw new InvalidOperationException("No webhook is configured.");
        bool[] signedWell = [true, false, true, false];
        Random.Shared.Shuffle(signedWell);
        var results = new List<Dictionary<string, object?>>();
        foreach (var good in signedWell)
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
            {
                ["events"] = Array.Empty<object>(), ["firstEventSequence"] = 0, ["lastEventSequence"] = 0, ["entropy"] = WebhookSignature.Entropy(),
            });
            var signature = WebhookSignature.Sign(body, good ? subscription.Key : subscription.Key + "-wrong-" + WebhookSignature.Entropy());
            var answer = await PostAsync(subscription, body, signature);
            var expected = good ? 200 : 401;
            results.Add(new()
            {
                ["correctlySigned"] = good, ["expectedStatus"] = expected, ["status"] = answer.Status,
                ["emptyBody"] = answer.EmptyBody, ["inTime"] = answer.InTime,
                ["passed"] = answer.Status == expected && answer.EmptyBody && answer.InTime,
            });
        }
        var passed = results.All(r => (bool)r["passed"]!);
        lock (_sync)
        {
            if (passed)
            {
                _enabled = true;
                _disabledReason = null;
            }
            else
            {
                Disable("Intent to receive failed: the endpoint must answer 200 to correctly signed and 401 to incorrectly signed posts, with no body, within 5 s.");
            }
        }
        return new() { ["passed"] = passed, ["attempts"] = results };
    }

    public Dictionary<string, object?> Snapshot()
    {
        lock (_sync)
            return new()
            {
                ["configured"] = _subscription is not null,
                ["url"] = _subscription?.Url.ToString(),
                ["categories"] = _subscription?.Categories.Order().ToList(),
                ["enabled"] = _subscription is not null && _enabled,
                ["disabledReason"] = _disabledReason,
                ["batchWindowMs"] = BatchWindow.TotalMilliseconds,
                ["lastEventSequence"] = _sequence,
                ["eventsQueued"] = _buffer.Count,
                ["eventsSent"] = _eventsSent,
                ["eventsDropped"] = _eventsDropped,
                ["attempts"] = _attempts,
                ["deliveries"] = _delivered,
                ["failures"] = _failures,
                ["retriesPending"] = _timers.Keys.Count(t => t != _flushTimer),
                ["nextRetryAt"] = _timers.Where(t => t.Key != _flushTimer).Select(t => (DateTimeOffset?)t.Value).Min()?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
                ["recent"] = _recent.ToList(),
            };
    }

    private void Remember(Dictionary<string, object?> entry)
    {
        _recent.AddLast(entry);
        if (_recent.Count > RecentKept) _recent.RemoveFirst();
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        lock (_sync)
        {
            foreach (var timer in _timers.Keys) timer.Dispose();
            _timers.Clear();
        }
        _http.Dispose();
    }

    private sealed record Delivery(byte[] Body, int First, int Last, int Events, DateTimeOffset FirstAttemptAt);

    internal sealed record Answer(int Status, bool InTime, bool EmptyBody);
}
