namespace D365Xero.Hosting.Web;

/// <summary>
/// What the webhook endpoint takes on at once, so a flood of posts (or one huge one) cannot grow the
/// process without bound. Dataverse waits 60 s for an answer and makes one more attempt after a 502,
/// 503 or 504 (docs/dataverse-rules.md#d-webhook-retry; learn.microsoft.com/power-apps/developer/data-platform/use-webhooks); the change poller catches anything refused twice.
/// </summary>
public sealed record WebhookLimits
{
    /// <summary>
    /// <c>Webhook:MaxBodyBytes</c>, default 1 MB. Dataverse trims a RemoteExecutionContext over 256 KB to
    /// its keys and says so in <c>x-ms-dynamics-msg-size-exceeded</c> (docs/dataverse-rules.md#d-webhook-headers; learn.microsoft.com/power-apps/developer/data-platform/use-webhooks), so a real post stays under
    /// 256 KB; a larger body is answered 413 and nothing is queued.
    /// </summary>
    public long MaxBodyBytes { get; init; } = 1024 * 1024;

    /// <summary><c>Webhook:MaxConcurrentPosts</c>, default 16: posts read, parsed and queued side by side.</summary>
    public int MaxConcurrentPosts { get; init; } = 16;

    /// <summary>
    /// <c>Webhook:MaxQueuedPosts</c>, default 256: posts waiting for one of those places. One more is
    /// answered 503 with Retry-After at once, before its body is read, and Dataverse sends it again.
    /// </summary>
    public int MaxQueuedPosts { get; init; } = 256;
}
