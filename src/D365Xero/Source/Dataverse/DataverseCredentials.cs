using System.Net;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using D365Xero.Errors;

namespace D365Xero.Source.Dataverse;

/// <summary>
/// The <see cref="TokenCredential"/> for <c>Dataverse:Credential</c> (docs/dataverse-rules.md#d-auth-credentials): Azure.Identity's
/// <see cref="ClientSecretCredential"/>, <see cref="ClientCertificateCredential"/>, <see cref="ManagedIdentityCredential"/> or
/// <see cref="WorkloadIdentityCredential"/>, against the authority <c>Dataverse:AuthorityUrl</c>, over the connector's own HttpClient
/// and with Azure's retries off (the connector's transport retries). An http authority on a loopback address (the emulator) gets
/// <see cref="LoopbackClientCredential"/> instead: MSAL accepts only https authorities.
/// </summary>
public static class DataverseCredentials
{
    /// <summary>The credential, what `check` calls it (e.g. <c>client certificate (CN=d365-xero, …)</c>), and the clock its tokens'
    /// expiry times are read against: MSAL's is the system clock, the loopback credential's the connector's.</summary>
    public static (TokenCredential Credential, string Name, TimeProvider Clock) Create(DataverseOptions options, HttpClient http, TimeProvider time)
    {
        var authority = new Uri(options.AuthorityUrl.TrimEnd('/') + "/");
        if (options.Credential is DataverseCredential.ClientSecret or DataverseCredential.ClientCertificate) Require(options.TenantId, nameof(options.TenantId));
        var certificate = options.Credential == DataverseCredential.ClientCertificate ? ClientCertificates.Load(options) : null;
        if (options.Credential == DataverseCredential.ClientSecret) Require(options.ClientSecret, nameof(options.ClientSecret));
        var name = options.Credential switch
        {
            DataverseCredential.ClientSecret => "client secret",
            DataverseCredential.ClientCertificate => $"client certificate ({certificate!.Subject}, thumbprint {certificate.Thumbprint})",
            DataverseCredential.ManagedIdentity => IsSystemAssigned(options) ? "managed identity (system-assigned)" : $"managed identity (client ID {options.ClientId})",
            _ => "workload identity",
        };
        if (authority.Scheme == Uri.UriSchemeHttp && IsLoopback(authority) && options.Credential is DataverseCredential.ClientSecret or DataverseCredential.ClientCertificate)
        {
            var endpoint = new Uri(authority, $"{Uri.EscapeDataString(options.TenantId)}/oauth2/v2.0/token");
            return (new LoopbackClientCredential(http, endpoint, options.ClientId, options.ClientSecret, certificate, time), name + ", loopback authority", time);
        }
        return (Azure(options, authority, certificate, http), name, TimeProvider.System);
    }

    private static TokenCredential Azure(DataverseOptions options, Uri authority, System.Security.Cryptography.X509Certificates.X509Certificate2? certificate, HttpClient http)
    {
        T Configured<T>(T o) where T : TokenCredentialOptions
        {
            o.AuthorityHost = authority;
            o.Transport = new HttpClientTransport(http);
            o.Retry.MaxRetries = 0;
            return o;
        }
        return options.Credential switch
        {
            DataverseCredential.ClientSecret => new ClientSecretCredential(options.TenantId, options.ClientId, options.ClientSecret!, Configured(new ClientSecretCredentialOptions())),
            DataverseCredential.ClientCertificate => new ClientCertificateCredential(options.TenantId, options.ClientId, certificate!, Configured(new ClientCertificateCredentialOptions())),
            DataverseCredential.ManagedIdentity => new ManagedIdentityCredential(new ManagedIdentityCredentialOptions(
                IsSystemAssigned(options) ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(options.ClientId)) { Transport = new HttpClientTransport(http) }),
            _ => new WorkloadIdentityCredential(Configured(new WorkloadIdentityCredentialOptions { TenantId = options.TenantId, ClientId = options.ClientId })),
        };
    }

    private static bool IsSystemAssigned(DataverseOptions options) => options.ClientId.Equals("SystemAssigned", StringComparison.OrdinalIgnoreCase);

    private static bool IsLoopback(Uri uri) => uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip));

    private static void Require(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new RemoteApiException("Dataverse", ErrorKind.Auth, $"Dataverse:{name} is not set (environment variable Dataverse__{name}).");
    }
}
