using System.Text.Json;
using D365Xero.Journal;
using D365Xero.Target.Xero.Auth;

namespace D365Xero.Hosting;

/// <summary>Xero grants kept in the connector's store (one secret per connection), saved atomically.</summary>
public sealed class StoredXeroGrants(ISyncStore store) : IXeroGrantStore
{
    private const string Name = "xero.grant";

    public async Task<XeroGrant?> LoadAsync(string connectionName, CancellationToken cancellationToken)
    {
        var json = await store.GetSecretAsync(connectionName, Name, cancellationToken);
        return json is null ? null : JsonSerializer.Deserialize<XeroGrant>(json);
    }

    public Task SaveAsync(string connectionName, XeroGrant grant, CancellationToken cancellationToken) =>
        store.SetSecretAsync(connectionName, Name, JsonSerializer.Serialize(grant), cancellationToken);
}
