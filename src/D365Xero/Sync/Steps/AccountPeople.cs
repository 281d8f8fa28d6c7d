using D365Xero.Journal;
using D365Xero.Mapping;
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
        foreach (var plan in plans.Where(p => !p.Deleted))
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
                Count(s.Counters.For(contacts.Name), status, plan.Sent);
                people.Add(new RowWriteBack(person.ContactId, SyncStatusText.Of(status), reason, Sent: plan.Sent && status == SyncStatus.Synced));
                links.Add(new Link
                {
                    Connection = s.Connection, Table = contacts.Name, DynamicsId = person.ContactId, XeroId = plan.Link.XeroId,
                    Status = status, LastError = reason, SyncedAt = s.Time.GetUtcNow(), Detail = new LinkDetail { Account = plan.Id }.ToJson(),
                });
            }
        }
        await s.Store.UpsertLinksAsync(links, ct);
        await s.WriteBack.WriteAsync(contacts.Name, people, batch.People.ToDictionary(kv => kv.Key, kv => kv.Value.Raw), ct);
    }

    /// <summary>A person is sent when its account is (in the run's summary: "sent with their account").</summary>
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
