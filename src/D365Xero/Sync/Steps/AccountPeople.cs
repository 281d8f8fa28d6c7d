using D365Xero.Journal;
using D365Xero.Mapping;
using D365Xero.Source.Rows;
using D365Xero.Tables;
using D365Xero.Target.Xero.Model;
using D365Xero.WriteBack;

namespace D365Xero.Sync.Steps;

/// <summary>
/// An account's people travel inside its Xero contact: once the account is recorded, each contact row
/// says whether it went (with its account), was left out and why, or failed with its account.
/// </summary>
public sealed class AccountPeople(StepServices s)
{
    public async Task RecordAsync(IReadOnlyList<RowPlan<XeroContact>> plans, AccountBatch batch, CancellationToken ct)
    {
        var people = new List<RowWriteBack>();
        var links = new List<Link>();
        var contacts = s.Tables[SyncedTables.Contact.Name];
        var live = plans.Where(p => !p.Deleted).ToList();
        var before = await s.Store.GetLinksAsync(s.Connection, contacts.Name,
            live.SelectMany(p => batch.Outcomes.GetValueOrDefault(p.Id) ?? []).Select(o => o.ContactId).Distinct().ToList(), ct);
        var now = s.Time.GetUtcNow();
        foreach (var plan in live)
        {
            var accountError = PlanOutcome.Of(plan, linked: true) is (SyncStatus.Error, var message) ? message : null;
            foreach (var person in batch.Outcomes.GetValueOrDefault(plan.Id) ?? [])
            {
                var (status, reason) = (person.Role, accountError) switch
                {
                    (PersonRole.Skipped, _) => (SyncStatus.Skipped, person.Reason),
                    (_, { } error) => (SyncStatus.Error, $"Its account could not be sent to Xero: {error}"),
                    _ => (SyncStatus.Synced, null),
                };
                var old = before.GetValueOrDefault(person.ContactId);
                var hash = status == SyncStatus.Synced ? Hash(person, batch.People.GetValueOrDefault(person.ContactId)?.Row, plan.Link.XeroId) : null;
                // The person's own details went to Xero only when they differ from what was last sent: re-sending its account
                // for a change of the account's own (a rename) leaves the person's row, and its "synced on", alone.
                var sent = plan.Sent && status == SyncStatus.Synced && old?.PayloadHash != hash;
                Count(s.Counters.For(contacts.Name), status, sent);
                people.Add(new RowWriteBack(person.ContactId, SyncStatusText.Of(status), reason, Sent: sent));
                var link = new Link
                {
                    Connection = s.Connection, Table = contacts.Name, DynamicsId = person.ContactId, XeroId = plan.Link.XeroId, PayloadHash = hash,
                    Status = status, LastError = reason, SyncedAt = sent || old?.SyncedAt is null ? now : old.SyncedAt,
                    Detail = new LinkDetail { Account = plan.Id }.ToJson(),
                };
                if (link != old) links.Add(link);
            }
        }
        await s.Store.UpsertLinksAsync(links, ct);
        await s.WriteBack.WriteAsync(contacts.Name, people, batch.People.ToDictionary(kv => kv.Key, kv => kv.Value.Raw), ct);
    }

    /// <summary>What Xero holds of a person: its role, the columns it is sent with, and the contact it is in.</summary>
    private static string Hash(PersonOutcome person, ContactRow? row, string? xeroContact) =>
        PayloadHash.Of(new PersonSent(person.Role, row?.FirstName, row?.LastName, row?.Email, xeroContact));

    private sealed record PersonSent(PersonRole Role, string? FirstName, string? LastName, string? Email, string? Contact);

    /// <summary>A person is sent when its account is and its own details changed (in the run's summary: "sent with their account").</summary>
    private static void Count(TableCounters counters, SyncStatus status, bool sent)
    {
        switch (status)
        {
            case SyncStatus.Skipped: counters.AddSkipped(); break;
            case SyncStatus.Error: counters.AddFailed(); break;
            case SyncStatus.Synced when sent: counters.AddUpdated(); break;
            default: counters.AddUnchanged(); break;
        }
    }
}
