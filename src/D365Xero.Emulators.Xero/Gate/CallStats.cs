namespace D365Xero.Emulators.Xero.Gate;

/// <summary>Counts of API calls, for benchmarks and tests (GET /_emulator/stats).</summary>
internal sealed class CallStats
{
    private readonly object _sync = new();
    private readonly Dictionary<string, int> _byOperation = [];
    private int _apiCalls, _http429, _http5xx;

    public void Count(string operation)
    {
        lock (_sync)
        {
            _apiCalls++;
            _byOperation[operation] = _byOperation.GetValueOrDefault(operation) + 1;
        }
    }

    public void CountStatus(int status)
    {
        lock (_sync)
        {
            if (status == 429) _http429++;
            if (status >= 500) _http5xx++;
        }
    }

    public Dictionary<string, object> Snapshot(int inFlight)
    {
        lock (_sync)
            return new()
            {
                ["apiCalls"] = _apiCalls,
                ["byOperation"] = new Dictionary<string, int>(_byOperation),
                ["http429"] = _http429,
                ["http5xx"] = _http5xx,
                ["inFlight"] = inFlight,
            };
    }

    public void Reset()
    {
        lock (_sync)
        {
            _byOperation.Clear();
            _apiCalls = _http429 = _http5xx = 0;
        }
    }
}
