using System.ComponentModel.DataAnnotations;

namespace D365Xero.Configuration;

/// <summary>The Dataverse webhook endpoint (configuration section <c>Webhook</c>); the limits are explained on <c>WebhookLimits</c>.</summary>
public sealed class WebhookOptions
{
    /// <summary>The header secret Dataverse sends with each post. Required for `serve` to accept posts.</summary>
    [NonBlank]
    public string? Secret { get; set; }

    /// <summary>The address Dataverse posts to. Default <c>{Urls}/webhooks/dataverse</c>.</summary>
    [AbsoluteUrl]
    public string? PublicUrl { get; set; }

    /// <summary>The largest post taken, in bytes. Default 1 MB.</summary>
    [Range(typeof(long), "1", "2147483647")]
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Posts read, parsed and queued side by side. Default 16.</summary>
    [Range(1, int.MaxValue)]
    public int MaxConcurrentPosts { get; set; } = 16;

    /// <summary>Posts waiting for one of those places. Default 256.</summary>
    [Range(0, int.MaxValue)]
    public int MaxQueuedPosts { get; set; } = 256;
}
