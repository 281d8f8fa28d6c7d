using System.Text.Json.Nodes;

namespace D365Xero.Emulators.Dataverse;

/// <summary>Counters for <c>GET /_emulator/stats</c>: Web API calls by "METHOD entityset", 429s, webhook outcomes.</summary>
internal sealed class ApiStats
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, int> _byOperation = new(StringComparer.Ordinal);
    private int _apiCalls;
    private int _http429;
    private int _delivered;
    private int _failed;

    public void Call(string operation)
    {
        lock (_gate)
        {
            _apiCalls++;
            _byOperation[operation] = _byOperation.GetValueOrDefault(operation) + 1;
        }
    }

    public void Throttled() { lock (_gate) _http429++; }

    public void WebhookDelivered() { lock (_gate) _delivered++; }

    public void WebhookFailed() { lock (_gate) _failed++; }

    public void Reset()
    {
        lock (_gate)
        {
            _apiCalls = _http429 = _delivered = _failed = 0;
            _byOperation.Clear();
        }
    }

    public JsonObject Snapshot()
    {
        lock (_gate)
        {
            var byOperation = new JsonObject();
            foreach (var (key, value) in _byOperation) byOperation[key] = value;
            return new JsonObject
            {
                ["apiCalls"] = _apiCalls,
                ["byOperation"] = byOperation,
                ["http429"] = _http429,
                ["webhooksDelivered"] = _delivered,
                ["webhooksFailed"] = _failed,
            };
        }
    }
}
