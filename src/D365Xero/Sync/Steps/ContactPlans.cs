using D365Xero.Journal;
using D365Xero.Mapping;
using D365Xero.Target.Xero.Model;

namespace D365Xero.Sync.Steps;

/// <summary>The decisions every Xero contact plan shares, whether it comes from an account or an individual customer.</summary>
public static class ContactPlans
{
    /// <summary>What is sent when the row's Xero contact is to go (its row deleted, or it is no longer a contact of its own): archived, as Xero has no delete for contacts.</summary>
    public const string ArchivedHash = "deleted";

    /// <summary>Archives the plan's Xero contact, once; a row that never reached Xero needs nothing (<paramref name="notInXero"/> says why).</summary>
    public static RowPlan<XeroContact> Archive(RowPlan<XeroContact> plan, string notInXero)
    {
        if (plan.XeroId is not { } contactId) return plan with { Action = PlannedAction.Nothing, Reason = notInXero };
        var payload = new XeroContact { ContactID = contactId, ContactNumber = ContactMapper.ContactNumberOf(plan.Id), ContactStatus = "ARCHIVED" };
        return plan with
        {
            Payload = payload, Hash = ArchivedHash, Detail = plan.Detail with { Archived = true },
            Action = plan.Link.PayloadHash == ArchivedHash ? PlannedAction.Unchanged : PlannedAction.Archive,
        };
    }

    /// <summary>Decides a freshly mapped contact: fails without a payload; unchanged when what Xero holds is what it would get (or was refused for
    /// exactly this before: retried on change or `retry`); otherwise matched, created or updated.</summary>
    public static RowPlan<XeroContact> Decide(RowPlan<XeroContact> plan, ContactMapping mapping, string? suffix, bool matched)
    {
        // An archived contact is remembered: Xero refuses new invoices to it, so an order for it is stopped before a call is spent.
        plan = plan with { Detail = plan.Detail with { Suffix = suffix, Archived = mapping.Payload?.ContactStatus == "ARCHIVED" ? true : null } };
        if (mapping.Payload is null) return plan with { Action = PlannedAction.Fail, Reason = mapping.Error, Payload = null, Hash = null };
        var hash = PayloadHash.Of(mapping.Payload);
        // The contact group is not sent with the contact, but a new group must send the row (then it is placed after the send).
        if (mapping.Payload.ContactGroupName is { Length: > 0 } group) hash = PayloadHash.Of(new { hash, ContactGroup = group.Trim().ToUpperInvariant() });
        plan = plan with
        {
            Hash = hash, Payload = mapping.Payload with { ContactID = plan.XeroId },
            Reason = suffix is null ? null : $"name taken in Xero: sent as '{mapping.Payload.Name}'",
        };
        var link = plan.Link;
        var unchanged = link.PayloadHash == hash && plan.XeroId is not null && !matched;
        if ((unchanged && link.Status == SyncStatus.Synced) || (link.Status == SyncStatus.Error && link.PayloadHash == hash))
            return plan with { Action = PlannedAction.Unchanged };
        return plan with { Action = matched ? PlannedAction.Match : plan.XeroId is null ? PlannedAction.Create : PlannedAction.Update };
    }
}
