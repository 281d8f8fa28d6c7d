namespace D365Xero.Tests.Target.Xero.Fakes;

/// <summary>A fake Xero: each test scripts the answer to each request.</summary>
/// <param name="respond">Given the request and its index (0-based, in arrival order), the answer.</param>
internal sealed class ScriptedHandler(Func<RecordedRequest, int, Task<HttpResponseMessage>> respond) : HttpMessageHandler
{
    private readonly object _lock = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly List<(Func<IReadOnlyList<RecordedRequest>, bool> Condition, TaskCompletionSource Done)> _waiters = [];
    private int _inFlight;

    public ScriptedHandler(Func<RecordedRequest, int, HttpResponseMessage> respond)
        : this((request, index) => Task.FromResult(respond(request, index)))
    {
    }

    public IReadOnlyList<RecordedRequest> Requests
    {
        get { lock (_lock) return _requests.ToList(); }
    }

    public IReadOnlyList<RecordedRequest> ApiRequests => Requests.Where(r => !r.IsTokenRequest).ToList();

    public int MaxInFlight { get; private set; }

    /// <summary>Completes once the requests seen so far satisfy <paramref name="condition"/>.</summary>
    public Task WaitForAsync(Func<IReadOnlyList<RecordedRequest>, bool> condition)
    {
        lock (_lock)
        {
            if (condition(_requests)) return Task.CompletedTask;
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((condition, done));
            return done.Task.WaitAsync(Timeouts.Guard);
        }
    }

    public Task WaitForApiRequestsAsync(int count) => WaitForAsync(rs => rs.Count(r => !r.IsTokenRequest) >= count);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        var recorded = new RecordedRequest(request.Method, request.RequestUri!, headers, body);
        int index;
        lock (_lock)
        {
            _requests.Add(recorded);
            index = _requests.Count - 1;
            _inFlight++;
            MaxInFlight = Math.Max(MaxInFlight, _inFlight);
            foreach (var waiter in _waiters.Where(w => w.Condition(_requests))) waiter.Done.TrySetResult();
        }
        try
        {
            return await respond(recorded, index);
        }
        finally
        {
            lock (_lock) _inFlight--;
        }
    }
}
