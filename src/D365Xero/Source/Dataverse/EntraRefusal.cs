namespace D365Xero.Source.Dataverse;

/// <summary>Turns Entra's refusal into a sentence naming the setting to fix (AADSTS codes from the Entra error-code list,
/// learn.microsoft.com/entra/identity-platform/reference-error-codes; the description never contains the secret).</summary>
public static class EntraRefusal
{
    public static string Describe(string message, DataverseCredential credential)
    {
        var firstLine = message.Split('\n', 2)[0].Trim();
        string Setting(string name) => $"Dataverse:{name} (environment variable Dataverse__{name})";
        var secretOrCertificate = credential == DataverseCredential.ClientCertificate
            ? $"{Setting("ClientCertificatePath")} or {Setting("ClientCertificateThumbprint")}" : Setting("ClientSecret");
        bool Has(params string[] codes) => codes.Any(c => message.Contains(c, StringComparison.Ordinal));
        var fix = message switch
        {
            _ when Has("AADSTS7000215") => $"the client secret is wrong: check {Setting("ClientSecret")}",
            _ when Has("AADSTS7000222") => $"the client secret has expired: create a new one and set {Setting("ClientSecret")}",
            _ when Has("AADSTS700027", "AADSTS700024") => $"the certificate is not one the app registration has, or the assertion was refused: check {secretOrCertificate}",
            _ when Has("AADSTS700016") => $"no application with this ID exists in the tenant: check {Setting("ClientId")} and {Setting("TenantId")}",
            _ when Has("AADSTS90002", "AADSTS900023") => $"the tenant was not found: check {Setting("TenantId")}",
            _ when Has("AADSTS500011", "invalid_scope") => $"the environment is not known to this tenant: check {Setting("Url")}",
            _ when Has("invalid_client", "unauthorized_client") => $"the application was refused: check {Setting("ClientId")} and {secretOrCertificate}",
            _ => $"check {Setting("TenantId")}, {Setting("ClientId")} and {secretOrCertificate}",
        };
        return $"Entra ID refused the Dataverse credentials ({firstLine}); {fix}.";
    }
}
