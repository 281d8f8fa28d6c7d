using D365Xero.Journal;
using D365Xero.RoundTrip;
using D365Xero.Sync;
using D365Xero.Tables;
using Microsoft.Extensions.Logging;

namespace D365Xero.Reconcile;

/// <summary>
/// Works the journal queue <see cref="XeroEventQueues.Contact"/> (Xero's CONTACT events, one entry per ContactID): master
/// data flows one way (docs/product-rules.md#p-master-data-one-way), so a contact changed in Xero is only checked against
/// what Dynamics would send and its drift recorded for `status` (<see cref="DriftLog"/>), never copied back.
/// </summary>
/// <remarks>
/// What it spends: nothing for a contact no account or individual customer is linked to (dropped without a call), nothing
/// for the echo of the connector's own write (a link synced within <see cref="EchoWindow"/> before the entry is worked:
/// docs/product-rules.md#p-contact-event-echo), and one <c>GET /Contacts?IDs=…</c> per 50 contacts for the rest.
/// </remarks>
public sealed class ContactDriftStep
{
    /// <summary>
    /// A contact whose link was synced this recently is taken to be the event of our own write, and not read. The journal
    /// entry carries no time of its own, so "recently" is measured back from when the entry is worked; an edit made in
    /// Xero within this window of our write is caught by the next `reconcile` instead.
    /// </summary>
    public static readonly TimeSpan EchoWindow = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Checks the contacts of <paramref name="items"/> (each <see cref="WorkItem.DynamicsId"/> a Xero ContactID, table
    /// <see cref="XeroEventQueues.Contact"/>) and records what it finds. Completing or releasing the entries is the caller's.
    /// </summary>
    /// <returns>How many of the contacts were found drifting (differing, archived or missing in Xero).</returns>
    public async Task<int> WorkAsync(SyncConnection c, IReadOnlyList<WorkItem> items, CancellationToken ct)
    {
        var now = c.Time.GetUtcNow();
        var linked = new List<LinkedRecord>();
        foreach (var contactId in items.Select(i => i.DynamicsId).Distinct())
        {
            var link = await FindAsync(c, contactId, ct);
            if (link is null) continue;
            // Rule: docs/product-rules.md#p-contact-event-echo — the event of our own write costs no read.
            if (link.Link.SyncedAt is { } synced && now - synced < EchoWindow) continue;
            linked.Add(link);
        }
        if (linked.Count == 0) return 0;

        var xero = (await c.Xero.GetContactsByIdsAsync(linked.Select(l => l.XeroId), ct))
            .Where(x => x.ContactID is not null).ToDictionary(x => x.ContactID!.Value);
        var expected = new ExpectedPayloads(c.Reader, c.Options);
        var accounts = linked.Where(l => l.Table == SyncedTables.Account.Name).ToList();
        var individuals = linked.Where(l => l.Table == SyncedTables.Contact.Name).ToList();
        var sides = new Dictionary<Guid, Expected<Target.Xero.Model.XeroContact>>();
        if (accounts.Count > 0) foreach (var (id, side) in await expected.AccountsAsync(accounts, ct)) sides[id] = side;
        if (individuals.Count > 0) foreach (var (id, side) in await expected.IndividualsAsync(individuals, ct)) sides[id] = side;

        var found = new List<DriftFinding>();
        foreach (var record in linked)
        {
            var side = sides[record.DynamicsId];
            if (side is { Deleted: false, Payload: null }) continue;
            if (Reconciler.ContactFinding(record, side, xero.GetValueOrDefault(record.XeroId)) is not { } finding) continue;
            found.Add(finding);
            c.Log.LogWarning("Xero contact {XeroId} ({Table} {Id}, '{Name}') differs from Dynamics ({Kind}: {Fields}); master data flows one way: `reconcile --fix` sends Dynamics' version again.",
                record.XeroId, record.Table, record.DynamicsId, finding.Name, finding.Kind, string.Join(", ", finding.Fields.Select(f => f.Field)));
        }
        await DriftLog.RecordCheckAsync(c.Store, c.Name, linked.Select(l => (l.Table, l.DynamicsId)).ToList(), found, now, ct);
        return found.Count;
    }

    /// <summary>The synced account, or individual customer, whose own Xero contact this is; null for any other contact.</summary>
    private static async Task<LinkedRecord?> FindAsync(SyncConnection c, Guid contactId, CancellationToken ct)
    {
        foreach (var table in new[] { SyncedTables.Account.Name, SyncedTables.Contact.Name })
        {
            var link = await c.Store.FindLinkByXeroIdAsync(c.Name, table, contactId.ToString(), ct);
            if (link is { Status: SyncStatus.Synced } && LinkedRecord.Of(link) is { } record) return record;
        }
        return null;
    }
}
