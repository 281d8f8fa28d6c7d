namespace D365Xero.Source.Dataverse;

/// <summary>Bearer tokens for the Dataverse Web API.</summary>
public interface IAccessTokenSource
{
    /// <summary>A token valid for at least a little longer; cached between calls.</summary>
    ValueTask<string> GetTokenAsync(CancellationToken cancellationToken);

    /// <summary>Forget <paramref name="token"/> (Dataverse answered 401 to it), so the next call fetches
    /// a new one. A token other than the cached one is ignored: a newer one is already in place.</summary>
    void Invalidate(string token);

    /// <summary>What signs in, for `check` (e.g. <c>client secret</c>, <c>managed identity (system-assigned)</c>).</summary>
    string Credential => "a bearer token";
}
