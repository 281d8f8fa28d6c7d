namespace D365Xero.Emulators.Dataverse;

/// <summary>
/// Remembers the delta tokens handed out so the control API can expire all of them at once
/// (<c>POST /_emulator/changetracking/expire</c>); tokens also expire by age (docs/dataverse-rules.md#d-change-tracking-expiry; MicrosoftDocs/powerapps-docs#3845).
/// </summary>
internal sealed class DeltaTokenRegistry
{
    private readonly HashSet<string> _issued = [];
    private readonly HashSet<string> _expired = [];
    private readonly Lock _gate = new();

    public void Issued(string token)
    {
        // The same version and second give the same token text; issuing it anew makes it valid again.
        lock (_gate)
        {
            _issued.Add(token);
            _expired.Remove(token);
        }
    }

    public void ExpireAll()
    {
        lock (_gate)
        {
            _expired.UnionWith(_issued);
            _issued.Clear();
        }
    }

    public bool IsExpired(string token)
    {
        lock (_gate) return _expired.Contains(token);
    }
}
