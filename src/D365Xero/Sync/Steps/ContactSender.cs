using D365Xero.Mapping;
using D365Xero.Target.Xero.Model;

namespace D365Xero.Sync.Steps;

/// <summary>
/// Sends contact plans in one batched call, for accounts and for individual customers alike, and settles the two refusals a
/// resend can cure: our own ContactNumber already in Xero (an earlier create was applied but its answer lost: it is ours, so it
/// is looked up and updated, no duplicate), and a name another active contact holds (docs/xero-rules.md#x-contact-name-unique-active).
/// </summary>
public sealed class ContactSender(StepServices s)
{
    /// <param name="remap">Plans a refused row again: with its own Xero id when the number was taken (true), or with a name suffix.</param>
    public async Task<IReadOnlyList<RowPlan<XeroContact>>> SendAsync(IReadOnlyList<RowPlan<XeroContact>> plans,
        Func<RowPlan<XeroContact>, bool, RowPlan<XeroContact>> remap, CancellationToken ct)
    {
        var answered = (await SaveAsync(plans, ct)).ToDictionary(p => p.Id);
        // Each cure applies at most once a row (the number's sets its Xero id, the name's its suffix), so at most two resends; the
        // second catches a row cured of one refusal and refused for the other: its name given a suffix, then its number found
        // taken by its own earlier create whose answer was lost (seen in FaultToleranceTests).
        IReadOnlyList<RowPlan<XeroContact>> last = [.. answered.Values];
        for (var round = 0; round < 2; round++)
        {
            var retry = await CuresAsync(last, answered, remap, ct);
            if (retry.Count == 0) break;
            last = await SaveAsync(retry, ct);
            foreach (var plan in last) answered[plan.Id] = plan;
        }
        return answered.Values.ToList();
    }

    /// <summary>The refused plans a resend can cure, planned again; those that need no resend once replanned go into <paramref name="answered"/>.</summary>
    private async Task<List<RowPlan<XeroContact>>> CuresAsync(IReadOnlyList<RowPlan<XeroContact>> refusedOrNot, Dictionary<Guid, RowPlan<XeroContact>> answered,
        Func<RowPlan<XeroContact>, bool, RowPlan<XeroContact>> remap, CancellationToken ct)
    {
        var retry = new List<RowPlan<XeroContact>>();
        foreach (var plan in refusedOrNot.Where(p => p.Refusal is not null))
        {
            var numberTaken = NumberTaken(plan);
            if (!numberTaken && !NameTaken(plan)) continue;
            var again = plan with { Refusal = null };
            if (numberTaken && await s.Xero.GetContactByNumberAsync(plan.Payload!.ContactNumber!, ct) is { ContactID: { } own } found)
            {
                again = again with { Link = again.Link with { XeroId = own.ToString() } };
                s.Indexes.LoadedContacts?.Add(found);
            }
            again = remap(again, numberTaken);
            if (again.Sends) retry.Add(again);
            else answered[plan.Id] = again;
        }
        return retry;
    }

    private async Task<IReadOnlyList<RowPlan<XeroContact>>> SaveAsync(IReadOnlyList<RowPlan<XeroContact>> plans, CancellationToken ct)
    {
        if (plans.Count == 0) return [];
        var results = await s.Xero.SaveContactsAsync(plans.Select(p => p.Payload!).ToList(), ct);
        XeroWriteOutcome.ThrowIfCallFailed(results);
        return plans.Zip(results, (plan, result) =>
        {
            if (result is not { IsOk: true, Saved: { ContactID: { } id } saved }) return plan with { Refusal = result.Error ?? "Xero refused the contact without saying why." };
            s.Indexes.LoadedContacts?.Add(saved); // not loaded yet: it will be read with this contact in it
            return plan with { Sent = true, Refusal = null, Link = plan.Link with { XeroId = id.ToString() } };
        }).ToList();
    }

    private static bool NumberTaken(RowPlan<XeroContact> plan) => plan is { XeroId: null, Deleted: false }
        && plan.Refusal!.Contains($"contact number {plan.Payload?.ContactNumber} is already assigned", StringComparison.OrdinalIgnoreCase);

    private static bool NameTaken(RowPlan<XeroContact> plan) => plan is { Deleted: false, Detail.Suffix: null }
        && plan.Refusal!.Contains("already assigned to another contact", StringComparison.OrdinalIgnoreCase)
        && plan.Refusal.Contains("contact name", StringComparison.OrdinalIgnoreCase);
}
