using System.Collections.Concurrent;

namespace D365Xero.Target.Xero.Auth;

/// <summary>A grant store that forgets on exit: for tests and trials, never for a real organisation.</summary>
public sealed class InMemoryXeroGrantStore : IXeroGrantStore
{
    private readonly ConcurrentDictionary<string, XeroGrant> _grants = new(StringComparer.Ordinal);

    public Task<XeroGrant?> LoadAsync(string connectionName, CancellationToken cancellationToken) =>
        Task.FromResult(_grants.TryGetValue(connectionName, out var grant) ? grant : null);

    public Task SaveAsync(string connectionName, XeroGrant grant, CancellationToken cancellationToken)
    {
        _grants[connectionName] = grant;
        return Task.CompletedTask;
    }
}
