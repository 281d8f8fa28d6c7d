using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Azure.Identity;
using D365Xero.Errors;
using D365Xero.Source.Dataverse;
using D365Xero.Tests.Source.Dataverse.Fakes;

namespace D365Xero.Tests.Source.Dataverse;

/// <summary>Which Azure.Identity credential each <c>Dataverse:Credential</c> signs in with, and what a certificate sends.</summary>
public sealed class DataverseCredentialsTests : IDisposable
{
    private readonly string _pfx = Path.Combine(Path.GetTempPath(), $"d365xero-{Guid.NewGuid():N}.pfx");

    public DataverseCredentialsTests()
    {
        using var rsa = RSA.Create(2048);
        using var certificate = new CertificateRequest("CN=unit", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllBytes(_pfx, certificate.Export(X509ContentType.Pfx));
    }

    private static DataverseOptions Options(DataverseCredential credential, Action<DataverseOptions>? configure = null)
    {
        var options = new DataverseOptions { Url = "https://contoso.crm.dynamics.com", TenantId = "tenant-1", ClientId = "client-1", ClientSecret = "secret", Credential = credential };
        configure?.Invoke(options);
        return options;
    }

    private static (object Credential, string Name) Create(DataverseOptions options)
    {
        var (credential, name, _) = DataverseCredentials.Create(options, new HttpClient(), TimeProvider.System);
        return (credential, name);
    }

    [Fact]
    public void Each_setting_picks_its_azure_identity_credential()
    {
        Assert.IsType<ClientSecretCredential>(Create(Options(DataverseCredential.ClientSecret)).Credential);
        var (certificate, name) = Create(Options(DataverseCredential.ClientCertificate, o => o.ClientCertificatePath = _pfx));
        Assert.IsType<ClientCertificateCredential>(certificate);
        Assert.StartsWith("client certificate (CN=unit, thumbprint ", name);
        Assert.Equal("managed identity (system-assigned)", Create(Options(DataverseCredential.ManagedIdentity, o => o.ClientId = "SystemAssigned")).Name);
        Assert.IsType<ManagedIdentityCredential>(Create(Options(DataverseCredential.ManagedIdentity)).Credential);
        Assert.Equal("managed identity (client ID client-1)", Create(Options(DataverseCredential.ManagedIdentity)).Name);
        Assert.IsType<WorkloadIdentityCredential>(Create(Options(DataverseCredential.WorkloadIdentity)).Credential);
    }

    [Fact]
    public void An_http_authority_on_this_machine_is_the_emulators_and_gets_the_loopback_credential()
    {
        var (credential, name) = Create(Options(DataverseCredential.ClientSecret, o => o.AuthorityUrl = "http://127.0.0.1:5571"));
        Assert.IsType<LoopbackClientCredential>(credential);
        Assert.Equal("client secret, loopback authority", name);
    }

    [Fact]
    public void A_certificate_credential_without_a_certificate_names_both_settings()
    {
        var e = Assert.Throws<RemoteApiException>(() => Create(Options(DataverseCredential.ClientCertificate)));
        Assert.Equal(ErrorKind.Auth, e.Kind);
        Assert.Contains("Dataverse__ClientCertificatePath", e.Message);
        Assert.Contains("Dataverse__ClientCertificateThumbprint", e.Message);
    }

    [Fact]
    public async Task A_certificate_signs_a_client_assertion_and_sends_no_secret()
    {
        var h = new DataverseHarness(o => { o.Credential = DataverseCredential.ClientCertificate; o.ClientSecret = null; o.ClientCertificatePath = _pfx; });

        Assert.StartsWith("token-", await h.Tokens.GetTokenAsync(CancellationToken.None));

        // MSAL may first read Entra's instance metadata (a GET); the token request is the one POST.
        var post = Assert.Single(h.Fake.TokenRequests, r => r.Method == HttpMethod.Post);
        Assert.Equal("https://login.microsoftonline.com/tenant-1/oauth2/v2.0/token", post.Uri.AbsoluteUri);
        var form = post.Body!.Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
        Assert.Equal("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", form["client_assertion_type"]);
        Assert.Equal(3, form["client_assertion"].Split('.').Length);
        Assert.False(form.ContainsKey("client_secret"));
        Assert.StartsWith("client certificate (CN=unit", h.Tokens.Credential);
    }

    public void Dispose() => File.Delete(_pfx);
}
