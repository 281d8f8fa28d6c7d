namespace D365Xero.Emulators.Dataverse;

/// <summary>Settings of a <see cref="DataverseEmulator"/>; each default is stated beside it.</summary>
public sealed class DataverseEmulatorOptions
{
    /// <summary>Listen address, default <c>http://127.0.0.1:5571</c>; port 0 picks a free port.</summary>
    public string Url { get; set; } = "http://127.0.0.1:5571";

    /// <summary>The only tenant the token endpoint knows. Default "sandbox".</summary>
    public string TenantId { get; set; } = "sandbox";

    /// <summary>The only application (client) id accepted. Default "sandbox".</summary>
    public string ClientId { get; set; } = "sandbox";

    /// <summary>The client secret. Default "sandbox".</summary>
    public string ClientSecret { get; set; } = "sandbox";

    /// <summary>A certificate registered on the app (its public part is enough): a client assertion signed with its key is
    /// accepted instead of the secret. Default none.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? ClientCertificate { get; set; }

    /// <summary>null = empty tables (default); "demo" = a small company; a number N = demo scaled to N accounts;
    /// "accounts:N:contacts:K" = N accounts with exactly K contacts each and nothing else.</summary>
    public string? Seed { get; set; }

    /// <summary>organization.expirechangetrackingindays (0–365); delta tokens older than this are refused. Default 7 (docs/dataverse-rules.md#d-change-tracking-expiry; MicrosoftDocs/powerapps-docs#3845).</summary>
    public int ExpireChangeTrackingInDays { get; set; } = 7;

    /// <summary>Service protection: requests per user per sliding window. Default 6,000 (docs/dataverse-rules.md#d-service-protection; learn.microsoft.com/power-apps/developer/data-platform/api-limits).</summary>
    public int RequestsPerWindow { get; set; } = 6000;

    /// <summary>Service protection sliding window. Default 5 minutes (docs/dataverse-rules.md#d-service-protection; learn.microsoft.com/power-apps/developer/data-platform/api-limits).</summary>
    public TimeSpan ThrottleWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Service protection: concurrent requests per user. Default 52 (docs/dataverse-rules.md#d-service-protection; learn.microsoft.com/power-apps/developer/data-platform/api-limits).</summary>
    public int ConcurrentLimit { get; set; } = 52;

    /// <summary>
    /// A Canceled, Fulfilled or Invoiced sales order refuses updates other than of statecode/statuscode, as Dynamics does
    /// (docs/dataverse-rules.md#d-closed-order-read-only). Default false for now: the connector still writes its sync status onto
    /// closed orders (InvoiceStatusTests.Cancelled_order_whose_invoice_has_a_payment…), which a real organisation refuses; turn it
    /// on to see that.
    /// </summary>
    public bool ClosedOrdersReadOnly { get; set; }
}
