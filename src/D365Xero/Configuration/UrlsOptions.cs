namespace D365Xero.Configuration;

/// <summary>Where `serve` and `sandbox` listen: ASP.NET Core's own top-level <c>Urls</c> key.</summary>
public sealed class UrlsOptions
{
    /// <summary>Default <c>http://127.0.0.1:5570</c>: loopback only unless configured otherwise.</summary>
    [ListenUrls]
    public string Urls { get; set; } = "http://127.0.0.1:5570";
}
