using D365Xero.Journal;
using D365Xero.Mapping;
using D365Xero.Source;
using D365Xero.Source.Rows;
using D365Xero.Tables;
using D365Xero.Target.Xero.Model;

namespace D365Xero.Sync.Steps;

/// <summary>
/// Individual customers (Sync:StandaloneContacts, docs/product-rules.md#p-individual-customers): a contact without a parent
/// account becomes a Xero contact of its own, keyed by a ContactNumber from the contact's id, created, matched (by that number)
/// and updated like an account. Once it has a parent account, or is deleted, its own Xero contact is archived; as a person of its
/// account it then travels in the account's contact (<see cref="ContactFanout"/> queued the account), so it is never in Xero twice.
/// </summary>
/// <param name="read">The contacts as already read for this batch (by <see cref="ContactFanout"/>); read again only when one is missing.</param>
public sealed class IndividualStep(StepServices s, IReadOnlyDictionary<Guid, Snapshot<ContactRow>> read)
    : RecordStep<ContactRow, XeroContact, RowBatch<ContactRow>>(s)
{
    protected override SyncedTable Table => SyncedTables.Contact;

    /// <summary>Whether a contact is this step's: one without a parent account now, or one whose own Xero contact must go.</summary>
    public static bool Owns(ContactRow? row, Link? link) =>
        row is { ParentAccountId: null } || (link?.XeroId is not null && LinkDetail.Parse(link.Detail).Own == true);

    protected override async Task<RowBatch<ContactRow>> ReadAsync(IReadOnlyList<Guid> ids, CancellationToken ct) =>
        new(ids, ids.All(read.ContainsKey) ? read : await S.Reader.GetContactsAsync(ids, ct));

    protected override async Task<IReadOnlyList<RowPlan<XeroContact>>> PlanAsync(RowBatch<ContactRow> batch, IReadOnlyDictionary<Guid, Link> links, CancellationToken ct)
    {
        var plans = new List<RowPlan<XeroContact>>();
        foreach (var id in batch.Ids)
        {
            var stored = links.GetValueOrDefault(id) ?? NewLink(id);
            var detail = LinkDetail.Parse(stored.Detail);
            // The link names our own Xero contact only when it says so; a former person of an account starts afresh.
            var link = detail.Own == true ? stored : stored with { XeroId = null, PayloadHash = null };
            var row = batch.Rows.GetValueOrDefault(id)?.Row;
            var plan = new RowPlan<XeroContact> { Id = id, Link = link, Detail = detail with { Own = true, Account = null }, Name = row?.FullName, Deleted = row is null };
            if (row is null)
            {
                plans.Add(ContactPlans.Archive(plan, "The contact was deleted in Dynamics."));
            }
            else if (row.ParentAccountId is { } account)
            {
                // Re-parented: its own contact is archived and the link forgets it, so the account's people take the contact over.
                plans.Add(ContactPlans.Archive(plan with { Detail = new LinkDetail() }, "") with
                {
                    Reason = $"The contact now belongs to account {account}: its own Xero contact is archived and it goes to Xero as one of the account's people.",
                });
            }
            else
            {
                // Ours from an earlier run (a lost answer, or a contact that had an account for a while): found by our ContactNumber.
                if (plan.XeroId is null && (await S.Indexes.ContactsAsync(ct)).ByContactNumber(ContactMapper.ContactNumberOf(id)) is { ContactID: { } own })
                    plan = plan with { Link = plan.Link with { XeroId = own.ToString() } };
                plans.Add(ContactPlans.Decide(plan, ContactMapper.MapIndividual(row, plan.Detail.Suffix), plan.Detail.Suffix, matched: false));
            }
        }
        return plans;
    }

    protected override Task<IReadOnlyList<RowPlan<XeroContact>>> SendAsync(IReadOnlyList<RowPlan<XeroContact>> plans, RowBatch<ContactRow> batch, CancellationToken ct) =>
        new ContactSender(S).SendAsync(plans, (again, numberTaken) => batch.Rows.GetValueOrDefault(again.Id)?.Row is { ParentAccountId: null } row
            ? ContactPlans.Decide(again, ContactMapper.MapIndividual(row, numberTaken ? again.Detail.Suffix : ContactMapper.IndividualSuffix(row.Id)),
                numberTaken ? again.Detail.Suffix : ContactMapper.IndividualSuffix(row.Id), matched: false)
            : again, ct);
}
