namespace D365Xero.Configuration;

/// <summary><c>Sync:Poll</c>: false only to prove webhooks alone deliver (tests); the poller is `serve`'s backstop.</summary>
public sealed class ServePollOptions
{
    public bool Poll { get; set; } = true;
}
