namespace D365Xero.Emulators.Xero.Gate;

/// <summary>
/// Idempotency-Key memory. Rule: [SPEC] header on every PUT/POST, max 128 characters; [SEC-idem] keys kept
/// 6 minutes from the first call; a repeat gets the first response (a concurrent repeat waits for it);
/// the same key with a different request is a 400; error responses are kept too. docs/xero-rules.md#x-idempotency-window; developer.xero.com/documentation/guides/idempotent-requests/idempotency.
/// </summary>
internal sealed class IdempotencyStore(TimeProvider time)
{
    public const int MaxKeyLength = 128;
    public static readonly TimeSpan Retention = TimeSpan.FromMinutes(6);

    private readonly object _sync = new();
    private readonly Dictionary<string, Entry> _entries = [];

    public static string KeyTooLong => $"The Idempotency-Key must not be more than {MaxKeyLength} characters long.";

    public static string KeyReused(string key) => $"The Idempotency-Key '{key}' is used with a different request.";

    /// <summary>Claims the key for this request, or returns the first call's response (or null when the key belongs to another request).</summary>
    public IdempotencyClaim Claim(string key, string fingerprint)
    {
        lock (_sync)
        {
            var now = time.GetUtcNow();
            if (_entries.TryGetValue(key, out var entry) && now - entry.FirstCallAt >= Retention) _entries.Remove(key);
            if (_entries.TryGetValue(key, out entry))
                return entry.Fingerprint == fingerprint ? IdempotencyClaim.Replay(entry.Response.Task) : IdempotencyClaim.Mismatch;
            var fresh = new Entry(fingerprint, now, new TaskCompletionSource<CapturedResponse>(TaskCreationOptions.RunContinuationsAsynchronously));
            _entries[key] = fresh;
            return IdempotencyClaim.First(fresh.Response);
        }
    }

    /// <summary>Forgets a key whose first call never produced a response (e.g. a lost connection before processing).</summary>
    public void Abandon(string key)
    {
        lock (_sync) _entries.Remove(key);
    }

    public void Clear()
    {
        lock (_sync) _entries.Clear();
    }

    private sealed record Entry(string Fingerprint, DateTimeOffset FirstCallAt, TaskCompletionSource<CapturedResponse> Response);
}
