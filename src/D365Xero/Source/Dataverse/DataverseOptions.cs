using System.ComponentModel.DataAnnotations;
using D365Xero.Configuration;

namespace D365Xero.Source.Dataverse;

/// <summary>
/// How to reach one Dataverse (Dynamics 365) organisation. Bound from the <c>Dataverse</c> section
/// (<c>Dataverse__Url</c>, <c>Dataverse__ClientSecret</c>, …). Every default is stated here and nowhere else.
/// </summary>
public sealed class DataverseOptions
{
    public const string SectionName = "Dataverse";

    /// <summary>The organisation, e.g. <c>https://contoso.crm.dynamics.com</c>. The Web API is
    /// <c>{Url}/api/data/v9.2/</c> (https://learn.microsoft.com/power-apps/developer/data-platform/webapi/overview). Required.</summary>
    [Required, AbsoluteUrl]
    public string Url { get; set; } = "";

    /// <summary>Entra ID tenant (GUID or domain) of the application user. Required.</summary>
    [Required]
    public string TenantId { get; set; } = "";

    /// <summary>Application (client) ID of the Entra app bound to the Dataverse application user. Required.</summary>
    [Required]
    public string ClientId { get; set; } = "";

    /// <summary>How the connector signs in: <c>ClientSecret</c> (default), <c>ClientCertificate</c>, <c>ManagedIdentity</c> or
    /// <c>WorkloadIdentity</c> (docs/dataverse-rules.md#d-auth-credentials).</summary>
    public DataverseCredential Credential { get; set; } = DataverseCredential.ClientSecret;

    /// <summary>Client secret of that app, for <c>Credential=ClientSecret</c>; never logged.</summary>
    [NonBlank]
    public string? ClientSecret { get; set; }

    /// <summary>For <c>Credential=ClientCertificate</c>: a PFX (with <see cref="ClientCertificatePassword"/>) or PEM file holding the certificate and its private key.</summary>
    [NonBlank]
    public string? ClientCertificatePath { get; set; }

    /// <summary>The PFX file's password, if it has one; never logged.</summary>
    public string? ClientCertificatePassword { get; set; }

    /// <summary>For <c>Credential=ClientCertificate</c> without a file: the thumbprint of a certificate in the CurrentUser or LocalMachine "My" store.</summary>
    [NonBlank]
    public string? ClientCertificateThumbprint { get; set; }

    /// <summary>Entra authority (Azure.Identity's AuthorityHost; e.g. <c>https://login.microsoftonline.us</c> for US Government);
    /// the token endpoint is <c>{AuthorityUrl}/{TenantId}/oauth2/v2.0/token</c>. Plain http only on a loopback address (the emulator).
    /// Default <c>https://login.microsoftonline.com</c>.</summary>
    [Required, AbsoluteUrl]
    public string AuthorityUrl { get; set; } = "https://login.microsoftonline.com";

    /// <summary>Publisher customization prefix of the write-back columns (2–8 letters or digits, starting
    /// with a letter). Default <c>xero</c>.</summary>
    [Required, RegularExpression("^[A-Za-z][A-Za-z0-9]{1,7}$", ErrorMessage = "2 to 8 letters or digits, starting with a letter")]
    public string ColumnPrefix { get; set; } = "xero";

    /// <summary>Names of the main forms `provision` puts the Xero section on, comma-separated (e.g. <c>Account, Contact</c>);
    /// a table none of them belongs to gets it on its default main form. Default: empty, every table's default main form.</summary>
    [NonBlank]
    public string? Forms { get; set; }

    /// <summary><see cref="Forms"/> as names.</summary>
    public IReadOnlyList<string> FormNames => (Forms ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Rows per page (<c>Prefer: odata.maxpagesize</c>), 1–5000. Default 5000, which is also
    /// Dataverse's maximum (https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query/page-results).</summary>
    [Range(1, 5000)]
    public int PageSize { get; set; } = 5000;

    /// <summary>Requests this client keeps in flight at once, 1–52. Default 8: service protection allows
    /// 52 concurrent requests per user and advises staying well below (https://learn.microsoft.com/power-apps/developer/data-platform/api-limits).</summary>
    [Range(1, 52)]
    public int MaxParallelism { get; set; } = 8;

    /// <summary>Rows per <c>UpdateMultiple</c> request, 1–1000. Default 500 (https://learn.microsoft.com/power-apps/developer/data-platform/bulk-operations).</summary>
    [Range(1, 1000)]
    public int UpdateMultipleChunkSize { get; set; } = 500;

    /// <summary>Retries after the first attempt for throttled (429), failed (5xx) or timed-out calls,
    /// 0–10. Default 5.</summary>
    [Range(0, 10)]
    public int MaxRetryAttempts { get; set; } = 5;

    /// <summary>First backoff when Dataverse sends no <c>Retry-After</c>; doubles per retry. Default 2 s
    /// (Microsoft's service protection sample waits 2^n seconds:
    /// https://learn.microsoft.com/power-apps/developer/data-platform/api-limits); 0 to 5 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Limit for one attempt. Default 2 minutes, as in Microsoft's samples; 1 s to 30 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The Web API root, <c>{Url}/api/data/v9.2/</c>.</summary>
    public Uri ApiRoot => new(Url.TrimEnd('/') + "/api/data/v9.2/");
}
