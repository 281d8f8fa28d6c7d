namespace D365Xero.Emulators.Xero.Gate;

/// <summary>The outcome of claiming an Idempotency-Key: first use, a replay, or a clash with another request.</summary>
internal sealed record IdempotencyClaim(TaskCompletionSource<CapturedResponse>? Owner, Task<CapturedResponse>? Earlier)
{
    public static readonly IdempotencyClaim Mismatch = new(null, null);

    public static IdempotencyClaim First(TaskCompletionSource<CapturedResponse> owner) => new(owner, null);

    public static IdempotencyClaim Replay(Task<CapturedResponse> earlier) => new(null, earlier);
}
