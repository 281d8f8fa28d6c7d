namespace D365Xero.Emulators.Xero.Gate;

/// <summary>The accepted writes, newest last, capped so a long benchmark cannot exhaust memory.</summary>
internal sealed class RequestJournal
{
    private const int Capacity = 10_000;
    private readonly object _sync = new();
    private readonly Queue<RecordedRequest> _requests = new();

    public void Add(RecordedRequest request)
    {
        lock (_sync)
        {
            _requests.Enqueue(request);
            if (_requests.Count > Capacity) _requests.Dequeue();
        }
    }

    public List<RecordedRequest> Snapshot()
    {
        lock (_sync) return [.. _requests];
    }

    public void Clear()
    {
        lock (_sync) _requests.Clear();
    }
}
