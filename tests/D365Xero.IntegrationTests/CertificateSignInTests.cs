using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using D365Xero.Hosting;

namespace D365Xero.IntegrationTests;

/// <summary>Signing in to Dataverse with a certificate (a client assertion) against the emulator, and `check` naming the credential it used.</summary>
public sealed class CertificateSignInTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("d365xero-cert-").FullName;

    private static X509Certificate2 NewCertificate(string subject)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={subject}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    private string Pfx(X509Certificate2 certificate)
    {
        var path = Path.Combine(_folder, $"{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, "pfx-password"));
        return path;
    }

    private Task<SyncHarness> StartAsync(X509Certificate2 registered, X509Certificate2 signing) => SyncHarness.StartAsync(
        configure: s =>
        {
            s.Remove("Dataverse:ClientSecret");
            s["Dataverse:Credential"] = "ClientCertificate";
            s["Dataverse:ClientCertificatePath"] = Pfx(signing);
            s["Dataverse:ClientCertificatePassword"] = "pfx-password";
        },
        dataverseOptions: o => o.ClientCertificate = X509CertificateLoader.LoadCertificate(registered.Export(X509ContentType.Cert)));

    [Fact]
    public async Task A_certificate_registered_on_the_app_signs_in_and_check_says_so()
    {
        using var certificate = NewCertificate("d365-xero test");
        await using var h = await StartAsync(certificate, certificate);

        var signIn = (await new ConnectionCheck(h.Connection).RunAsync(default)).Single(r => r.Name == "Dataverse sign-in");

        Assert.True(signIn.Passed, signIn.Detail);
        Assert.Contains("client certificate (CN=d365-xero test", signIn.Detail);
        await h.ProvisionAsync();
        Assert.NotEmpty(await h.Connection.Dataverse.GetMainFormsAsync("account", default));
    }

    [Fact]
    public async Task A_certificate_the_app_does_not_have_is_refused_naming_the_setting()
    {
        using var registered = NewCertificate("registered");
        using var other = NewCertificate("someone else");
        await using var h = await StartAsync(registered, other);

        var signIn = (await new ConnectionCheck(h.Connection).RunAsync(default)).Single(r => r.Name == "Dataverse sign-in");

        Assert.False(signIn.Passed);
        Assert.Contains("AADSTS700027", signIn.Detail);
        Assert.Contains("Dataverse:ClientCertificatePath", signIn.Detail);
    }

    [Fact]
    public async Task Check_names_the_client_secret_when_that_signs_in()
    {
        await using var h = await SyncHarness.StartAsync();

        var signIn = (await new ConnectionCheck(h.Connection).RunAsync(default)).Single(r => r.Name == "Dataverse sign-in");

        Assert.True(signIn.Passed, signIn.Detail);
        Assert.EndsWith("to the client secret, loopback authority", signIn.Detail);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
