namespace D365Xero.Configuration;

/// <summary>The status page (configuration section <c>StatusPage</c>).</summary>
public sealed class StatusPageOptions
{
    /// <summary>When set, the status page and its API need <c>?key=</c> or the <c>X-Status-Key</c> header.</summary>
    [NonBlank]
    public string? Key { get; set; }
}
