using D365Xero.Journal;
using D365Xero.WriteBack;

namespace D365Xero.Sync;

/// <summary>
/// A changed Dynamics contact is not sent on its own: it lives inside its account's Xero contact.
/// This step turns contact work into account work: the account it belongs to now and the one it was
/// last placed under (re-parented, deleted, or no longer primary), so both are recomputed whole.
/// A contact with no parent account is marked Skipped on its row, saying why.
/// </summary>
public sealed class ContactFanout(SyncConnection c)
{
    public const string NoParentReason =
        "The contact has no parent account, so it has no Xero contact to belong to (individual contacts are not synced: Sync:StandaloneContacts).";

    public async Task ProcessAsync(IReadOnlyList<WorkItem> items, CancellationToken ct)
    {
        var ids = items.Select(i => i.DynamicsId).Distinct().ToList();
        var rows = await c.Reader.GetContactsAsync(ids, ct);
        var links = await c.Store.GetLinksAsync(c.Name, "contact", ids, ct);

        var accounts = new HashSet<Guid>();
        var orphans = new List<RowWriteBack>();
        var orphanLinks = new List<Link>();
        foreach (var id in ids)
        {
            var current = rows.GetValueOrDefault(id)?.Row.ParentAccountId;
            var previous = LinkDetail.Parse(links.GetValueOrDefault(id)?.Detail).Account;
            if (current is { } now) accounts.Add(now);
            if (previous is { } before) accounts.Add(before);
            if (rows.ContainsKey(id) && current is null && previous is null)
            {
                orphans.Add(new RowWriteBack(id, SyncStatusText.Of(SyncStatus.Skipped), NoParentReason));
                orphanLinks.Add(new Link
                {
                    Connection = c.Name, Table = "contact", DynamicsId = id, Status = SyncStatus.Skipped,
                    LastError = NoParentReason, SyncedAt = c.Time.GetUtcNow(),
                });
                c.Counters.For("contact").AddSkipped();
            }
        }
        // Queue the accounts before completing the contacts: a crash in between repeats this step, harmlessly.
        await c.Store.EnqueueAsync(c.Name, accounts.Select(a => new WorkKey("account", a)), ct);
        c.Clock.CarryOver(items.Select(i => i.Key), accounts.Select(a => new WorkKey("account", a)));
        await c.Store.UpsertLinksAsync(orphanLinks, ct);
        await c.WriteBack.WriteAsync("contact", orphans, rows.ToDictionary(r => r.Key, r => r.Value.Raw), ct);
    }
}
