using D365Xero.Journal;
using D365Xero.Source;
using D365Xero.Source.Rows;
using D365Xero.Tables;

namespace D365Xero.Sync.Steps;

/// <summary>
/// The contact table's step. A contact travels in its account's Xero contact (<see cref="ContactFanout"/> queues the account);
/// with Sync:StandaloneContacts a contact without an account is an individual customer with a Xero contact of its own
/// (<see cref="IndividualStep"/>). The fan-out runs first, on every contact: it reads the link's previous account before the
/// individual step rewrites it, so an account a contact has just left is recomputed without it.
/// </summary>
public sealed class ContactStep(StepServices s) : ISyncStep
{
    public async Task<IReadOnlyDictionary<Guid, TimeSpan>> WorkAsync(IReadOnlyList<WorkItem> items, CancellationToken ct)
    {
        if (!s.Options.StandaloneContacts) return await new ContactFanout(s).WorkAsync(items, ct);
        var fanout = new ContactFanout(s, individuals: true);
        await fanout.WorkAsync(items, ct);
        var own = await IndividualsAsync(items.Select(i => i.DynamicsId).Distinct().ToList(), fanout.Rows, ct);
        return own.Count == 0 ? new Dictionary<Guid, TimeSpan>()
            : await new IndividualStep(s, fanout.Rows).WorkAsync(items.Where(i => own.Contains(i.DynamicsId)).ToList(), ct);
    }

    public async Task<IReadOnlyList<PlannedChange>> PreviewAsync(IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        if (!s.Options.StandaloneContacts) return await new ContactFanout(s).PreviewAsync(ids, ct);
        var rows = await s.Reader.GetContactsAsync(ids, ct);
        var own = await IndividualsAsync(ids, rows, ct);
        return own.Count == 0 ? [] : await new IndividualStep(s, rows).PreviewAsync(ids.Where(own.Contains).ToList(), ct);
    }

    private async Task<HashSet<Guid>> IndividualsAsync(IReadOnlyList<Guid> ids, IReadOnlyDictionary<Guid, Snapshot<ContactRow>> rows, CancellationToken ct)
    {
        var links = await s.Store.GetLinksAsync(s.Connection, SyncedTables.Contact.Name, ids, ct);
        return ids.Where(id => IndividualStep.Owns(rows.GetValueOrDefault(id)?.Row, links.GetValueOrDefault(id))).ToHashSet();
    }
}
