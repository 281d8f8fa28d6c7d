namespace D365Xero.Source.Dataverse;

/// <summary>How the connector signs in to Entra ID for Dataverse (<c>Dataverse:Credential</c>; docs/dataverse-rules.md#d-auth-credentials).</summary>
public enum DataverseCredential
{
    /// <summary>An app registration's client secret (<c>Dataverse:ClientSecret</c>).</summary>
    ClientSecret,

    /// <summary>An app registration's certificate: a PFX or PEM file (<c>Dataverse:ClientCertificatePath</c>) or one in the
    /// certificate store by thumbprint (<c>Dataverse:ClientCertificateThumbprint</c>).</summary>
    ClientCertificate,

    /// <summary>The Azure host's managed identity: user-assigned by <c>Dataverse:ClientId</c>, or system-assigned when it is <c>SystemAssigned</c>.</summary>
    ManagedIdentity,

    /// <summary>Workload identity federation (AKS and others): the token file in <c>AZURE_FEDERATED_TOKEN_FILE</c>.</summary>
    WorkloadIdentity,
}
