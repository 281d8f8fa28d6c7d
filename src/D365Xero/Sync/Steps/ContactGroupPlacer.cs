using D365Xero.Errors;
using D365Xero.Target.Xero.Model;

namespace D365Xero.Sync.Steps;

/// <summary>
/// After a batch of contacts is sent, puts each into the contact group its account names (<c>Mapping:Contact:ContactGroup</c>,
/// docs/mappings.md#contact-groups): one <c>PUT /ContactGroups/{id}/Contacts</c> per group for every contact of the batch going
/// into it, then one <c>DELETE /ContactGroups/{id}/Contacts/{ContactID}</c> per contact moving out of the group the connector put
/// it in before (remembered on its link, <see cref="LinkDetail.ContactGroup"/>). Groups the connector did not put it in are never
/// touched. A refusal (the group deleted since the settings were read, the contact archived) leaves that row in error with
/// Xero's words; the contact itself was sent. Rules: docs/xero-rules.md#x-contact-groups.
/// </summary>
public sealed class ContactGroupPlacer(StepServices s)
{
    public async Task<IReadOnlyList<RowPlan<XeroContact>>> PlaceAsync(IReadOnlyList<RowPlan<XeroContact>> plans, CancellationToken ct)
    {
        var placing = plans.Where(p => p is { Sent: true, Refusal: null, Deleted: false, Payload.ContactGroupName: not null, XeroId: not null }).ToList();
        if (placing.Count == 0) return plans;
        var settings = await s.Indexes.Reference.GetAsync(ct);
        var done = new Dictionary<Guid, RowPlan<XeroContact>>();
        var adds = new Dictionary<Guid, (string Name, List<RowPlan<XeroContact>> Plans)>();
        var moves = new List<(RowPlan<XeroContact> Plan, Guid? Target)>();
        foreach (var plan in placing)
        {
            var name = plan.Payload!.ContactGroupName!;
            var target = name.Length == 0 ? null : settings.ContactGroup(name)?.ContactGroupID;
            if (name.Length > 0 && target is null)
            {
                // Checked before sending; gone since (or never read): Xero's words for it next time, after a fresh read.
                done[plan.Id] = Refused(plan, $"Contact group '{name}' does not exist in Xero.");
                continue;
            }
            if (target == plan.Detail.ContactGroup) continue;
            if (target is { } group)
            {
                if (!adds.TryGetValue(group, out var into)) adds[group] = into = (name, []);
                into.Plans.Add(plan);
            }
            moves.Add((plan, target));
        }
        foreach (var (group, (name, into)) in adds)
        {
            try
            {
                await s.Xero.AddContactsToGroupAsync(group, into.Select(p => p.XeroId!.Value).ToList(), ct);
            }
            catch (RemoteApiException e) when (e.Kind == ErrorKind.Permanent)
            {
                s.Indexes.Reference.Invalidate();
                foreach (var plan in into) done[plan.Id] = Refused(plan, $"Xero refused the contact a place in contact group '{name}': {e.Message}");
            }
        }
        foreach (var (plan, target) in moves.Where(m => !done.ContainsKey(m.Plan.Id)))
        {
            if (plan.Detail.ContactGroup is { } previous)
            {
                try
                {
                    await s.Xero.RemoveContactFromGroupAsync(previous, plan.XeroId!.Value, ct);
                }
                catch (RemoteApiException e) when (e.Kind == ErrorKind.Permanent)
                {
                    // Still remembered in the old group, so `retry` (or the next change) adds it again, which changes nothing, and removes it again.
                    done[plan.Id] = Refused(plan, $"Xero refused to take the contact out of the contact group the connector put it in before: {e.Message}");
                    continue;
                }
            }
            done[plan.Id] = plan with { Detail = plan.Detail with { ContactGroup = target } };
        }
        return plans.Select(p => done.GetValueOrDefault(p.Id) ?? p).ToList();
    }

    private static RowPlan<XeroContact> Refused(RowPlan<XeroContact> plan, string reason) => plan with { Refusal = reason };
}
