using System.Security.Cryptography.X509Certificates;
using D365Xero.Errors;

namespace D365Xero.Source.Dataverse;

/// <summary>Loads the sign-in certificate with its private key: from a PFX or PEM file, or from the current user's or the machine's store by thumbprint.</summary>
public static class ClientCertificates
{
    public static X509Certificate2 Load(DataverseOptions options)
    {
        if (options.ClientCertificatePath is { Length: > 0 } path)
        {
            if (!File.Exists(path))
                throw Refused($"Dataverse:ClientCertificatePath '{path}' does not exist (environment variable Dataverse__ClientCertificatePath).");
            try
            {
                var password = options.ClientCertificatePassword is { Length: > 0 } p ? p : null;
                var certificate = Path.GetExtension(path).Equals(".pem", StringComparison.OrdinalIgnoreCase)
                    ? X509Certificate2.CreateFromPemFile(path)
                    : X509CertificateLoader.LoadPkcs12FromFile(path, password);
                return certificate.HasPrivateKey ? certificate
                    : throw Refused($"The certificate in {path} has no private key; the connector signs with it (Dataverse:ClientCertificatePath).");
            }
            catch (System.Security.Cryptography.CryptographicException e)
            {
                throw Refused($"Could not read the certificate {path}: {e.Message} (check Dataverse:ClientCertificatePath and Dataverse:ClientCertificatePassword).");
            }
        }
        if (options.ClientCertificateThumbprint is { Length: > 0 } thumbprint)
        {
            foreach (var location in new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine })
            {
                using var store = new X509Store(StoreName.My, location);
                store.Open(OpenFlags.ReadOnly);
                var found = store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint, validOnly: false);
                if (found.FirstOrDefault(c => c.HasPrivateKey) is { } certificate) return certificate;
            }
            throw Refused($"No certificate with a private key and thumbprint {thumbprint} is in the CurrentUser or LocalMachine 'My' store (Dataverse:ClientCertificateThumbprint).");
        }
        throw Refused("Dataverse:Credential is ClientCertificate but neither Dataverse:ClientCertificatePath nor Dataverse:ClientCertificateThumbprint is set (environment variables Dataverse__ClientCertificatePath, Dataverse__ClientCertificateThumbprint).");
    }

    private static RemoteApiException Refused(string message) => new("Dataverse", ErrorKind.Auth, message);
}
