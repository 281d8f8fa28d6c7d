using D365Xero.Errors;
using D365Xero.Journal;
using D365Xero.Mapping;
using D365Xero.Source;
using D365Xero.Source.Rows;
using D365Xero.Target.Xero.Model;
using D365Xero.WriteBack;
using Microsoft.Extensions.Logging;

namespace D365Xero.Sync;

/// <summary>
/// Syncs a batch of accounts (≤ 50, one Xero call): reads each account and its people as they are
/// now, computes the whole Xero contact, matches it to an existing Xero contact on first sync,
/// sends only what changed, records the links, then writes back onto the Dynamics rows.
/// </summary>
/// <remarks>
/// Checkpoints where work may run twice, and why that is harmless:
/// (1) Xero applied the batch but we crashed before recording links: the next pass finds our
/// ContactNumber in Xero (the index) and updates that contact instead of creating another.
/// (2) Links recorded but write-back not done: the next pass sees an unchanged hash, sends nothing
/// to Xero, and writes back what the row lacks.
/// </remarks>
public sealed class AccountSync(SyncConnection c)
{
    private const string Table = "account";

    public async Task ProcessAsync(IReadOnlyList<WorkItem> items, CancellationToken ct)
    {
        var (plans, contacts, currencies) = await PlanBatchAsync(items.Select(i => i.DynamicsId).Distinct().ToList(), ct);

        await SendAsync(plans.Where(p => p.Send).ToList(), ct);
        var retry = plans.Where(p => p.NameTaken || p.NumberTaken).ToList();
        if (retry.Count > 0)
        {
            foreach (var plan in retry)
            {
                var suffix = plan.NameTaken ? ContactMapper.DisambiguationSuffix(plan.Snapshot!.Row) : plan.Detail.Suffix;
                if (plan.NumberTaken && await c.Xero.GetContactByNumberAsync(ContactMapper.ContactNumberOf(plan.Id), ct) is { ContactID: { } own } found)
                {
                    plan.XeroId = own;
                    c.LoadedContactIndex?.Add(found);
                }
                plan.NameTaken = false;
                plan.NumberTaken = false;
                plan.Error = null;
                Remap(plan, contacts.Values.Select(s => s.Row).ToList(), currencies, suffix);
            }
            await SendAsync(retry.Where(p => p.Send).ToList(), ct);
        }

        await RecordAsync(plans, ct);
        await WriteBackAsync(plans, contacts, ct);
    }

    /// <summary>What a sync of these accounts would do, without sending or writing anything (`backfill --dry-run`).</summary>
    public async Task<IReadOnlyList<PlannedChange>> PreviewAsync(IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        var (plans, _, _) = await PlanBatchAsync(ids, ct);
        return plans.Select(p => new PlannedChange(Table, p.Id, p.Payload?.Name ?? p.Snapshot?.Row.Name, p switch
        {
            { Error: not null } => PlannedAction.Fail,
            { Deleted: true, Send: true } => PlannedAction.Archive,
            { Deleted: true } => PlannedAction.Nothing,
            { Send: false } => PlannedAction.Unchanged,
            { Matched: true } => PlannedAction.Match,
            { XeroId: null } => PlannedAction.Create,
            _ => PlannedAction.Update,
        }, p.Error ?? (p.Detail.Suffix is { } suffix ? $"name taken in Xero: sent as '{p.Payload?.Name}'" : null))).ToList();
    }

    private async Task<(List<AccountPlan> Plans, IReadOnlyDictionary<Guid, Snapshot<ContactRow>> Contacts, IReadOnlyDictionary<Guid, string> Currencies)> PlanBatchAsync(
        IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        var accounts = await c.Reader.GetAccountsAsync(ids, ct);
        var contacts = await ReadPeopleAsync(accounts, ct);
        var currencies = await c.Reader.GetCurrencyCodesAsync(accounts.Values.Select(a => a.Row.CurrencyId).OfType<Guid>(), ct);
        var links = await c.Store.GetLinksAsync(c.Name, Table, ids, ct);

        var plans = ids
            .Select(id => new AccountPlan(id, accounts.GetValueOrDefault(id), links.GetValueOrDefault(id)))
            // Oldest first, so of two same-named accounts the older keeps the plain name.
            .OrderBy(p => p.Snapshot?.Row.CreatedOn ?? DateTimeOffset.MaxValue).ThenBy(p => p.Id)
            .ToList();

        var namesInBatch = new HashSet<string>(StringComparer.Ordinal);
        // Links are recorded after the batch is sent, so the store cannot yet say that an earlier plan
        // of this batch took a Xero contact: this set does, so one Xero contact is never matched twice.
        var matchedInBatch = new HashSet<Guid>();
        foreach (var plan in plans)
        {
            await PlanAsync(plan, contacts.Values.Select(s => s.Row).ToList(), currencies, namesInBatch, matchedInBatch, ct);
        }
        return (plans, contacts, currencies);
    }

    private async Task<Dictionary<Guid, Snapshot<ContactRow>>> ReadPeopleAsync(IReadOnlyDictionary<Guid, Snapshot<AccountRow>> accounts, CancellationToken ct)
    {
        var contacts = new Dictionary<Guid, Snapshot<ContactRow>>(await c.Reader.GetContactsOfAccountsAsync(accounts.Keys.ToList(), ct));
        var primaries = accounts.Values.Select(a => a.Row.PrimaryContactId).OfType<Guid>().Where(id => !contacts.ContainsKey(id)).ToList();
        if (primaries.Count > 0)
        {
            foreach (var (id, snapshot) in await c.Reader.GetContactsAsync(primaries, ct)) contacts[id] = snapshot;
        }
        return contacts;
    }

    private async Task PlanAsync(
        AccountPlan plan, List<ContactRow> contacts, IReadOnlyDictionary<Guid, string> currencies,
        HashSet<string> namesInBatch, HashSet<Guid> matchedInBatch, CancellationToken ct)
    {
        if (plan.Deleted)
        {
            // Xero has no delete for contacts: archive the one we made (reference §1.5). With no link,
            // a run may have crashed after Xero created it and before we recorded it: our ContactNumber finds it.
            if (plan.XeroId is null
                && (await c.ContactIndexAsync(ct)).ByContactNumber(ContactMapper.ContactNumberOf(plan.Id)) is { ContactID: { } orphan, ContactStatus: not "ARCHIVED" })
            {
                plan.XeroId = orphan;
            }
            if (plan.XeroId is null) return;
            plan.Payload = new XeroContact { ContactID = plan.XeroId, ContactNumber = ContactMapper.ContactNumberOf(plan.Id), ContactStatus = "ARCHIVED" };
            plan.Hash = "deleted";
            plan.Send = plan.Link?.PayloadHash != plan.Hash;
            return;
        }

        // The Xero index (a read of every contact) is loaded only when a plan needs it: matching, or a
        // name check before sending. An unchanged row, such as the echo of our own write-back, costs no call.
        if (plan.XeroId is null && await MatchAsync(plan, await c.ContactIndexAsync(ct), matchedInBatch, ct) is { } matched)
        {
            plan.XeroId = matched;
            plan.Matched = true;
            matchedInBatch.Add(matched);
        }

        Remap(plan, contacts, currencies, plan.Detail.Suffix);
        if (plan.Payload is null) return;

        // Names are unique among active contacts (reference §1.2): an account whose name another
        // account holds in Xero, or earlier in this batch, gets its visible suffix before sending.
        if (plan.Send && plan.Payload.ContactStatus == "ACTIVE" && plan.Detail.Suffix is null
            && NameIsTaken(plan, await c.ContactIndexAsync(ct), namesInBatch))
        {
            Remap(plan, contacts, currencies, ContactMapper.DisambiguationSuffix(plan.Snapshot!.Row));
        }
        if (plan.Payload?.ContactStatus == "ACTIVE") namesInBatch.Add(XeroContactIndex.NormaliseName(plan.Payload.Name));
    }

    private void Remap(AccountPlan plan, List<ContactRow> contacts, IReadOnlyDictionary<Guid, string> currencies, string? suffix)
    {
        var mapping = ContactMapper.Map(plan.Snapshot!.Row, contacts, currencies, suffix);
        plan.Mapping = mapping;
        plan.Detail = plan.Detail with { Suffix = suffix };
        if (mapping.Payload is null)
        {
            plan.Error = mapping.Error;
            plan.Payload = null;
            plan.Send = false;
            return;
        }
        plan.Hash = PayloadHash.Of(mapping.Payload);
        plan.Payload = mapping.Payload with { ContactID = plan.XeroId };
        var link = plan.Link;
        var unchanged = link?.PayloadHash == plan.Hash && plan.XeroId is not null && !plan.Matched;
        if (unchanged && link!.Status == SyncStatus.Synced)
        {
            plan.Send = false;
        }
        else if (link is { Status: SyncStatus.Error } && link.PayloadHash == plan.Hash)
        {
            // Refused before and nothing has changed: keep the reason, do not resend (retried on change or `retry`).
            plan.Send = false;
            plan.Error = link.LastError;
        }
        else
        {
            plan.Send = true;
        }
    }

    /// <summary>First sync: our own ContactNumber, then AccountNumber, then exact normalised name (PRODUCT.md §2).</summary>
    private async Task<Guid?> MatchAsync(AccountPlan plan, XeroContactIndex index, HashSet<Guid> matchedInBatch, CancellationToken ct)
    {
        var ours = ContactMapper.ContactNumberOf(plan.Id);
        if (index.ByContactNumber(ours)?.ContactID is { } own) return own;

        var row = plan.Snapshot!.Row;
        var candidates = new List<XeroContact>();
        if (index.ByAccountNumber(row.AccountNumber) is { } byNumber) candidates.Add(byNumber);
        var byName = index.ActiveByName(row.Name).ToList();
        if (byName.Count == 1) candidates.Add(byName[0]);
        foreach (var candidate in candidates)
        {
            if (candidate.ContactID is { } id && matchedInBatch.Contains(id)) continue;
            // Another batch running beside this one may be linking the same contact: the reservation settles it.
            if (await IsFreeAsync(candidate, ct) && c.ReserveMatch(Table, candidate.ContactID!.Value, plan.Id)) return candidate.ContactID;
        }
        return null;
    }

    /// <summary>A Xero contact another Dynamics account already owns is never taken over.</summary>
    private async Task<bool> IsFreeAsync(XeroContact candidate, CancellationToken ct)
    {
        if (candidate.ContactID is not { } id) return false;
        if (candidate.ContactNumber?.StartsWith("D365-", StringComparison.OrdinalIgnoreCase) == true) return false;
        return await c.Store.FindLinkByXeroIdAsync(c.Name, Table, id.ToString(), ct) is null;
    }

    private static bool NameIsTaken(AccountPlan plan, XeroContactIndex index, HashSet<string> namesInBatch) =>
        namesInBatch.Contains(XeroContactIndex.NormaliseName(plan.Payload!.Name))
        || index.ActiveByName(plan.Payload.Name).Any(x => x.ContactID != plan.XeroId);

    private async Task SendAsync(List<AccountPlan> plans, CancellationToken ct)
    {
        if (plans.Count == 0) return;
        foreach (var plan in plans) if (plan.Hash is { } hash) c.Attempting[(Table, plan.Id)] = hash;
        var results = await c.Xero.SaveContactsAsync(plans.Select(p => p.Payload!).ToList(), ct);
        XeroWriteOutcome.ThrowIfCallFailed(results);
        for (var i = 0; i < plans.Count; i++)
        {
            var plan = plans[i];
            var result = results[i];
            if (result is { IsOk: true, Saved: { ContactID: { } id } saved })
            {
                var created = plan.XeroId is null;
                plan.XeroId = id;
                plan.Sent = true;
                plan.Error = null;
                c.LoadedContactIndex?.Add(saved); // not loaded yet: it will be read with this contact in it
                if (plan.Deleted) c.Counters.For(Table).AddArchived();
                else if (plan.Matched) c.Counters.For(Table).AddMatched();
                else if (created) c.Counters.For(Table).AddCreated();
                else c.Counters.For(Table).AddUpdated();
                continue;
            }
            var message = result.Error ?? "Xero refused the contact without saying why.";
            // Our own ContactNumber already in Xero while we sent a create: an earlier attempt was
            // applied but its answer never reached us (or reached us after the index was read).
            // It is ours: look it up by that number and update it instead (no duplicate, reference §1.2).
            if (plan.XeroId is null && !plan.Deleted
                && message.Contains($"contact number {plan.Payload?.ContactNumber} is already assigned", StringComparison.OrdinalIgnoreCase))
            {
                plan.NumberTaken = true;
            }
            else if (message.Contains("already assigned to another contact", StringComparison.OrdinalIgnoreCase)
                && message.Contains("contact name", StringComparison.OrdinalIgnoreCase)
                && plan.Detail.Suffix is null && !plan.Deleted)
            {
                plan.NameTaken = true;
            }
            plan.Error = message;
        }
    }

    private async Task RecordAsync(List<AccountPlan> plans, CancellationToken ct)
    {
        var now = c.Time.GetUtcNow();
        var links = new List<Link>();
        foreach (var plan in plans)
        {
            if (plan.Deleted && plan.XeroId is null) continue;
            if (plan.Error is not null) c.Counters.For(Table).AddFailed();
            else if (!plan.Send) c.Counters.For(Table).AddUnchanged();
            if (plan.Error is not null && plan.Link?.LastError == plan.Error && plan.Link.PayloadHash == plan.Hash) continue;
            links.Add(new Link
            {
                Connection = c.Name,
                Table = Table,
                DynamicsId = plan.Id,
                XeroId = plan.XeroId?.ToString(),
                PayloadHash = plan.Hash,
                Status = plan.Status,
                LastError = plan.Error,
                SyncedAt = plan.Sent ? now : plan.Link?.SyncedAt,
                FailedAttempts = plan.Error is null ? 0 : (plan.Link?.FailedAttempts ?? 0) + 1,
                Detail = plan.Detail.ToJson(),
            });
            if (plan.Error is not null) c.Log.LogWarning("Account {AccountId} was not synced: {Reason}", plan.Id, plan.Error);
        }
        await c.Store.UpsertLinksAsync(links, ct);
    }

    private async Task WriteBackAsync(List<AccountPlan> plans, IReadOnlyDictionary<Guid, Snapshot<ContactRow>> contacts, CancellationToken ct)
    {
        var live = plans.Where(p => !p.Deleted).ToList();
        var accountRows = live.Select(p => new RowWriteBack(
            p.Id,
            SyncStatusText.Of(p.Status),
            p.Error,
            p.XeroId?.ToString(),
            Url: p.XeroId is { } x ? XeroWebLinks.Contact(x.ToString()) : null,
            Sent: p.Sent)).ToList();
        await c.WriteBack.WriteAsync(Table, accountRows, live.ToDictionary(p => p.Id, p => p.Snapshot!.Raw), ct);

        var people = new List<RowWriteBack>();
        var contactLinks = new List<Link>();
        foreach (var plan in live)
        {
            var outcomes = plan.Mapping?.People ?? [];
            foreach (var person in outcomes)
            {
                var (status, reason) = (person.Role, plan.Error) switch
                {
                    (PersonRole.Skipped, _) => (SyncStatus.Skipped, person.Reason),
                    (_, { } error) => (SyncStatus.Error, $"Its account could not be sent to Xero: {error}"),
                    _ => (SyncStatus.Synced, null),
                };
                if (status == SyncStatus.Skipped) c.Counters.For("contact").AddSkipped();
                people.Add(new RowWriteBack(person.ContactId, SyncStatusText.Of(status), reason, Sent: plan.Sent && status == SyncStatus.Synced));
                contactLinks.Add(new Link
                {
                    Connection = c.Name,
                    Table = "contact",
                    DynamicsId = person.ContactId,
                    XeroId = plan.XeroId?.ToString(),
                    Status = status,
                    LastError = reason,
                    SyncedAt = c.Time.GetUtcNow(),
                    Detail = new LinkDetail { Account = plan.Id }.ToJson(),
                });
            }
        }
        await c.Store.UpsertLinksAsync(contactLinks, ct);
        await c.WriteBack.WriteAsync("contact", people, contacts.ToDictionary(kv => kv.Key, kv => kv.Value.Raw), ct);
    }
}
