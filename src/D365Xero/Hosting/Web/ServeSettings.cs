using D365Xero.Configuration;
using Microsoft.Extensions.Configuration;

namespace D365Xero.Hosting.Web;

/// <summary>How `serve` (and the sandbox) listen and what they accept.</summary>
public sealed class ServeSettings
{
    /// <summary>ASP.NET's own <c>Urls</c> key. Default <c>http://127.0.0.1:5570</c>: loopback only unless configured otherwise.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:5570";

    /// <summary><c>Webhook:Secret</c>; without it the webhook endpoint refuses every post.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary><c>Webhook:PublicUrl</c>, default <c>{Urls}/webhooks/dataverse</c>.</summary>
    public string? WebhookPublicUrl { get; set; }

    /// <summary><c>StatusPage:Key</c>: when set, the status page and its API need <c>?key=</c> or the <c>X-Status-Key</c> header.</summary>
    public string? StatusKey { get; set; }

    /// <summary>False only to prove webhooks alone deliver (tests); the poller is the backstop.</summary>
    public bool Poll { get; set; } = true;

    /// <summary>How big a webhook post may be and how many are taken on at once (<c>Webhook:MaxBodyBytes</c>, …).</summary>
    public WebhookLimits WebhookLimits { get; set; } = new();

    public string PublicWebhookUrl => WebhookPublicUrl ?? Urls.Split(';')[0].TrimEnd('/') + "/webhooks/dataverse";

    /// <summary>The serve keys (<c>Urls</c>, <c>Webhook:*</c>, <c>StatusPage:Key</c>, <c>Sync:Poll</c>), bound and checked.</summary>
    public static ServeSettings From(IConfiguration configuration) => Create(
        SettingsBinder.Load<UrlsOptions>(configuration, ""), SettingsBinder.Load<WebhookOptions>(configuration, "Webhook"),
        SettingsBinder.Load<StatusPageOptions>(configuration, "StatusPage"), SettingsBinder.Load<ServePollOptions>(configuration, "Sync"));

    public static ServeSettings Create(UrlsOptions urls, WebhookOptions webhook, StatusPageOptions statusPage, ServePollOptions poll) => new()
    {
        Urls = urls.Urls,
        WebhookSecret = webhook.Secret,
        WebhookPublicUrl = webhook.PublicUrl,
        StatusKey = statusPage.Key,
        Poll = poll.Poll,
        WebhookLimits = new WebhookLimits
        {
            MaxBodyBytes = webhook.MaxBodyBytes, MaxConcurrentPosts = webhook.MaxConcurrentPosts, MaxQueuedPosts = webhook.MaxQueuedPosts,
        },
    };
}
