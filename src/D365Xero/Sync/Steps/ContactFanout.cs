using D365Xero.Journal;
using D365Xero.Source;
using D365Xero.Source.Rows;
using D365Xero.Tables;
using D365Xero.WriteBack;

namespace D365Xero.Sync.Steps;

/// <summary>
/// A changed Dynamics contact with a parent account is not sent on its own: it lives inside its account's Xero contact, so
/// its work becomes its accounts'. A contact with no parent account is marked Skipped on its row, saying why, unless
/// individual customers are synced (<paramref name="individuals"/>, Sync:StandaloneContacts): then <see cref="IndividualStep"/> sends it.
/// </summary>
public sealed class ContactFanout(StepServices s, bool individuals = false) : FanOutStep(s, SyncedTables.Contact)
{
    public const string NoParentReason =
        "The contact has no parent account, so it has no Xero contact to belong to (individual contacts are not synced: Sync:StandaloneContacts).";

    protected override string? OrphanReason => individuals ? null : NoParentReason;

    /// <summary>The contacts as this step read them, for the step that sends individual customers after it.</summary>
    public IReadOnlyDictionary<Guid, Snapshot<ContactRow>> Rows { get; private set; } = new Dictionary<Guid, Snapshot<ContactRow>>();

    protected override async Task<IReadOnlyDictionary<Guid, Guid?>> ReadParentsAsync(IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        Rows = await S.Reader.GetContactsAsync(ids, ct);
        return Rows.ToDictionary(r => r.Key, r => r.Value.Row.ParentAccountId);
    }

    protected override async Task MarkOrphansAsync(IReadOnlyList<Guid> orphans, CancellationToken ct)
    {
        if (individuals) return;
        var table = SyncedTables.Contact.Name;
        await S.Store.UpsertLinksAsync(orphans.Select(id => new Link
        {
            Connection = S.Connection, Table = table, DynamicsId = id, Status = SyncStatus.Skipped, LastError = NoParentReason, SyncedAt = S.Time.GetUtcNow(),
        }), ct);
        S.Counters.For(table).AddSkipped(orphans.Count);
        await S.WriteBack.WriteAsync(table, orphans.Select(id => new RowWriteBack(id, SyncStatusText.Of(SyncStatus.Skipped), NoParentReason)),
            Rows.ToDictionary(r => r.Key, r => r.Value.Raw), ct);
    }
}
