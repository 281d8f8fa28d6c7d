using D365Xero.Journal;
using D365Xero.Mapping;
using D365Xero.Tables;
using D365Xero.Target.Xero.Model;
using D365Xero.Source.Rows;

namespace D365Xero.Sync.Steps;

/// <summary>
/// Accounts → Xero contacts (50 a call): each account and its people as they are now make the whole
/// contact, matched to an existing Xero contact on first sync; only what changed is sent. A deleted
/// account archives its contact (Xero has no delete for contacts: docs/xero-rules.md).
/// </summary>
public sealed class AccountStep(StepServices s) : RecordStep<AccountRow, XeroContact, AccountBatch>(s)
{
    protected override SyncedTable Table => SyncedTables.Account;

    protected override Task<AccountBatch> ReadAsync(IReadOnlyList<Guid> ids, CancellationToken ct) => AccountBatch.ReadAsync(S.Reader, ids, ct, S.Options.Mapping.Contact);

    protected override async Task<IReadOnlyList<RowPlan<XeroContact>>> PlanAsync(
        AccountBatch batch, IReadOnlyDictionary<Guid, Link> links, CancellationToken ct)
    {
        // The Xero index (a read of every contact) is loaded only when a plan needs it: matching, or a
        // name check before sending. An unchanged row, such as the echo of our own write-back, costs no call.
        AccountMatcher? matcher = null;
        async Task<AccountMatcher> Matcher() => matcher ??= new AccountMatcher(S, await S.Indexes.ContactsAsync(ct));
        var names = new HashSet<string>(StringComparer.Ordinal);
        var plans = new List<RowPlan<XeroContact>>();
        // Oldest first, so of two same-named accounts the older keeps the plain name.
        foreach (var id in batch.Ids.OrderBy(id => batch.Rows.GetValueOrDefault(id)?.Row.CreatedOn ?? DateTimeOffset.MaxValue).ThenBy(id => id))
        {
            var link = links.GetValueOrDefault(id) ?? NewLink(id);
            var row = batch.Rows.GetValueOrDefault(id)?.Row;
            var plan = new RowPlan<XeroContact> { Id = id, Link = link, Detail = LinkDetail.Parse(link.Detail), Name = row?.Name, Deleted = row is null };
            if (row is null)
            {
                plans.Add(Archive(plan.XeroId is null && (await Matcher()).Orphan(id) is { } orphan ? plan with { Link = link with { XeroId = orphan.ToString() } } : plan));
                continue;
            }
            var found = plan.XeroId is null ? await (await Matcher()).MatchAsync(row, ct) : null;
            var matched = found is not null;
            if (found is { } contactId) plan = plan with { Link = link with { XeroId = contactId.ToString() } };
            plan = Remap(plan, batch, plan.Detail.Suffix, matched);
            if (plan is { Sends: true, Payload.ContactStatus: "ACTIVE", Detail.Suffix: null } && (await Matcher()).NameIsTaken(plan.Payload, names))
            {
                plan = Remap(plan, batch, ContactMapper.DisambiguationSuffix(row), matched);
            }
            if (plan.Payload?.ContactStatus == "ACTIVE") names.Add(XeroContactIndex.NormaliseName(plan.Payload.Name));
            plans.Add(plan);
        }
        // Mapped contact fields (a currency, a tax type) are checked against Xero's settings before sending; without them nothing needs it.
        return S.Options.Mapping.MapsContacts ? await Sync.Validation.PreSendCheck.ApplyAsync(plans, S.Indexes.Reference, Sync.Validation.PayloadValidator.Check, ct) : plans;
    }

    private static RowPlan<XeroContact> Archive(RowPlan<XeroContact> plan) => ContactPlans.Archive(plan, "The account was deleted in Dynamics.");

    /// <summary>Maps the account again (with a name suffix, or after learning its Xero id) and decides whether it goes.</summary>
    private static RowPlan<XeroContact> Remap(RowPlan<XeroContact> plan, AccountBatch batch, string? suffix, bool matched) =>
        ContactPlans.Decide(plan, batch.Map(plan.Id, suffix), suffix, matched);

    /// <summary>
    /// One call; a row refused because its number or name is taken is planned again (its own contact, or a name suffix) and resent.
    /// Then each contact goes into the contact group its account names, one call per group (<see cref="ContactGroupPlacer"/>).
    /// </summary>
    protected override async Task<IReadOnlyList<RowPlan<XeroContact>>> SendAsync(
        IReadOnlyList<RowPlan<XeroContact>> plans, AccountBatch batch, CancellationToken ct)
    {
        var sent = await new ContactSender(S).SendAsync(plans, (again, numberTaken) =>
            Remap(again, batch, numberTaken ? again.Detail.Suffix : ContactMapper.DisambiguationSuffix(batch.Rows[again.Id].Row), again.Action == PlannedAction.Match), ct);
        return S.Options.Mapping.Contact.ContactGroup.Column is null ? sent : await new ContactGroupPlacer(S).PlaceAsync(sent, ct);
    }

    /// <summary>Each person goes with its account (or is left out, saying why), as <see cref="AccountPeople"/> records it.</summary>
    protected override IEnumerable<PlannedChange> Carried(IReadOnlyList<RowPlan<XeroContact>> plans, AccountBatch batch) =>
        from plan in plans.Where(p => !p.Deleted)
        from person in batch.Outcomes.GetValueOrDefault(plan.Id) ?? []
        let name = batch.People.GetValueOrDefault(person.ContactId)?.Row.FullName
        select person.Role == PersonRole.Skipped
            ? new PlannedChange(SyncedTables.Contact.Name, person.ContactId, name, PlannedAction.Skip, person.Reason)
            : new PlannedChange(SyncedTables.Contact.Name, person.ContactId, name, plan.Action,
                plan.Action == PlannedAction.Fail ? $"Its account could not be sent to Xero: {plan.Reason}" : null);

    protected override Task AfterRecordAsync(IReadOnlyList<RowPlan<XeroContact>> plans, AccountBatch batch, CancellationToken ct) =>
        new AccountPeople(S).RecordAsync(plans, batch, ct);
}
