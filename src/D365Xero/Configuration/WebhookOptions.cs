namespace D365Xero.Configuration;

/// <summary>The Dataverse webhook endpoint (configuration section <c>Webhook</c>).</summary>
public sealed class WebhookOptions
{
    /// <summary>The header secret Dataverse sends with each post. Required for `serve` to accept posts.</summary>
    public string? Secret { get; set; }

    /// <summary>The address Dataverse posts to. Default <c>{Urls}/webhooks/dataverse</c>.</summary>
    public string? PublicUrl { get; set; }
}
