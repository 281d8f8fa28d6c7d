using D365Xero.Mapping;
using D365Xero.Source.Rows;
using D365Xero.Tables;
using D365Xero.Target.Xero.Model;

namespace D365Xero.Sync.Steps;

/// <summary>
/// First sync of an account: the Xero contact it already is, by our own ContactNumber, then its
/// AccountNumber, then an exact normalised name (docs/product-rules.md); one another account owns is
/// never taken over, and two rows of one batch never take the same one.
/// </summary>
public sealed class AccountMatcher(StepServices s, XeroContactIndex index)
{
    private static readonly string Table = SyncedTables.Account.Name;
    private readonly HashSet<Guid> _matchedInBatch = [];

    public async Task<Guid?> MatchAsync(AccountRow row, CancellationToken ct)
    {
        if (index.ByContactNumber(ContactMapper.ContactNumberOf(row.Id))?.ContactID is { } own) return Take(own);
        var candidates = new List<XeroContact>();
        if (index.ByAccountNumber(row.AccountNumber) is { } byNumber) candidates.Add(byNumber);
        var byName = index.ActiveByName(row.Name).ToList();
        if (byName.Count == 1) candidates.Add(byName[0]);
        foreach (var candidate in candidates)
        {
            if (candidate.ContactID is not { } id || _matchedInBatch.Contains(id)) continue;
            // Another batch running beside this one may be linking the same contact: the reservation settles it.
            if (await IsFreeAsync(candidate, ct) && s.Indexes.Reserve(Table, id, row.Id)) return Take(id);
        }
        return null;
    }

    /// <summary>
    /// Names are unique among active contacts (docs/xero-rules.md): a name another contact holds in Xero,
    /// or an earlier account of this batch, needs its visible suffix before sending.
    /// </summary>
    public bool NameIsTaken(XeroContact payload, IReadOnlySet<string> namesInBatch) =>
        namesInBatch.Contains(XeroContactIndex.NormaliseName(payload.Name))
        || index.ActiveByName(payload.Name).Any(x => x.ContactID != payload.ContactID);

    /// <summary>A deleted account with no link whose create Xero may have applied before a crash: found by our ContactNumber.</summary>
    public Guid? Orphan(Guid accountId) =>
        index.ByContactNumber(ContactMapper.ContactNumberOf(accountId)) is { ContactID: { } orphan, ContactStatus: not "ARCHIVED" } ? orphan : null;

    private Guid Take(Guid id)
    {
        _matchedInBatch.Add(id);
        return id;
    }

    private async Task<bool> IsFreeAsync(XeroContact candidate, CancellationToken ct)
    {
        if (candidate.ContactID is not { } id) return false;
        if (candidate.ContactNumber?.StartsWith("D365-", StringComparison.OrdinalIgnoreCase) == true) return false;
        return await s.Store.FindLinkByXeroIdAsync(s.Connection, Table, id.ToString(), ct) is null;
    }
}
