using System.Globalization;
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
    private readonly WebhookPoster _poster;
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
        _poster = new WebhookPoster(time);
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
        var answer = await _poster.PostAsync(subscription.Url, delivery.Body, WebhookSignature.Sign(delivery.Body, subscription.Key));
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
            if (_poster.Stopping || !_enabled) return;
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

    /// <summary>Runs intent to receive against the subscribed URL; passing enables the webhook, failing disables it.</summary>
    public async Task<Dictionary<string, object?>> IntentToReceiveAsync()
    {
        var subscription = Subscription ?? throw new InvalidOperationException("No webhook is configured.");
        var (passed, attempts) = await IntentToReceive.RunAsync(_poster, subscription);
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
        return new() { ["passed"] = passed, ["attempts"] = attempts };
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
        lock (_sync)
        {
            foreach (var timer in _timers.Keys) timer.Dispose();
            _timers.Clear();
        }
        await _poster.DisposeAsync();
    }

    private sealed record Delivery(byte[] Body, int First, int Last, int Events, DateTimeOffset FirstAttemptAt);
}
