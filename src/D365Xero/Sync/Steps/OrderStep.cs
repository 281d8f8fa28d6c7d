using D365Xero.Journal;
using D365Xero.Source.Rows;
using D365Xero.Sync.Validation;
using D365Xero.Tables;
using D365Xero.Target.Xero.Model;

namespace D365Xero.Sync.Steps;

/// <summary>
/// Sales orders → ACCREC invoices (50 a call): the customer by ContactID only, lines with their
/// remembered LineItemIDs, status moves by the configured rule; cancelled or deleted orders delete or
/// void their invoice, never a paid one. An order whose customer or products have not reached Xero
/// waits: they are queued, and the order follows them in the same run.
/// </summary>
/// <remarks>
/// Where work may run twice: Xero created the invoice but the process died before recording it → the
/// next pass finds it by Reference (the order number) among the organisation's invoices and updates it.
/// </remarks>
public sealed class OrderStep(StepServices s) : RecordStep<SalesOrderRow, XeroInvoice, OrderBatch>(s)
{
    protected override SyncedTable Table => SyncedTables.Order;

    protected override Task<OrderBatch> ReadAsync(IReadOnlyList<Guid> ids, CancellationToken ct) => new OrderReader(S).ReadAsync(ids, ct);

    protected override async Task<IReadOnlyList<RowPlan<XeroInvoice>>> PlanAsync(
        OrderBatch batch, IReadOnlyDictionary<Guid, Link> links, CancellationToken ct)
    {
        var plans = batch.Ids.Select(id =>
        {
            var link = links.GetValueOrDefault(id) ?? NewLink(id);
            var row = batch.Rows.GetValueOrDefault(id)?.Row;
            return new RowPlan<XeroInvoice> { Id = id, Link = link, Detail = LinkDetail.Parse(link.Detail), Name = row?.OrderNumber, Deleted = row is null };
        }).ToList();
        plans = await FindOrphansAsync(plans, ct);
        var now = S.Time.GetUtcNow();
        plans = plans.Select(p => OrderPlanner.Plan(p, batch, S.Options, now)).ToList();

        // Before changing an invoice Xero may have moved on (approved, paid, voided by a person), read
        // its current state: one call for the batch, and none when nothing is to be sent.
        var stale = plans.Where(p => p is { Sends: true, XeroId: not null }).Select(p => p.XeroId!.Value).ToList();
        if (stale.Count > 0)
        {
            var current = (await S.Xero.GetInvoicesByIdsAsync(stale, ct)).ToDictionary(i => i.InvoiceID!.Value);
            plans = plans.Select(p => p is { Sends: true, XeroId: { } id } ? OrderPlanner.Plan(p, batch, S.Options, now, current.GetValueOrDefault(id)) : p).ToList();
        }
        return await PreSendCheck.ApplyAsync(await MatchAsync(plans, ct), S.Indexes.Reference, PayloadValidator.Check, ct, PayloadValidator.Resolve);
    }

    /// <summary>
    /// A deleted order with no invoice, whose create was sent: Xero may have applied it before the process
    /// died. The live invoice with that Reference that no other order owns is this order's.
    /// </summary>
    private async Task<List<RowPlan<XeroInvoice>>> FindOrphansAsync(List<RowPlan<XeroInvoice>> plans, CancellationToken ct)
    {
        if (!plans.Any(IsOrphanCandidate)) return plans;
        var index = await S.Indexes.InvoicesAsync(ct);
        var found = new List<RowPlan<XeroInvoice>>();
        foreach (var plan in plans)
        {
            if (!IsOrphanCandidate(plan) || !index.TryGetValue(plan.Detail.Key!, out var orphan) || orphan.InvoiceID is not { } id
                || await S.Store.FindLinkByXeroIdAsync(S.Connection, Table.Name, id.ToString(), ct) is not null)
            {
                found.Add(plan);
                continue;
            }
            found.Add(Linked(plan, orphan));
        }
        return found;
    }

    private static bool IsOrphanCandidate(RowPlan<XeroInvoice> plan) => plan is { Deleted: true, XeroId: null, Detail.Key: not null };

    /// <summary>First sync: an invoice already in Xero with this order's number as Reference is this order's.</summary>
    private async Task<List<RowPlan<XeroInvoice>>> MatchAsync(List<RowPlan<XeroInvoice>> plans, CancellationToken ct)
    {
        if (!plans.Any(p => p is { Action: PlannedAction.Create, Key: not null })) return plans;
        var index = await S.Indexes.InvoicesAsync(ct);
        var matched = new List<RowPlan<XeroInvoice>>();
        foreach (var plan in plans)
        {
            if (plan is not { Action: PlannedAction.Create, Key: { } reference } || !index.TryGetValue(reference, out var existing) || existing.InvoiceID is not { } id
                || await S.Store.FindLinkByXeroIdAsync(S.Connection, Table.Name, id.ToString(), ct) is not null || !S.Indexes.Reserve(Table.Name, id, plan.Id))
            {
                matched.Add(plan);
                continue;
            }
            matched.Add(Linked(plan, existing) with { Action = PlannedAction.Match, Payload = plan.Payload! with { InvoiceID = id } });
        }
        return matched;
    }

    private static RowPlan<XeroInvoice> Linked(RowPlan<XeroInvoice> plan, XeroInvoice invoice) => plan with
    {
        Link = plan.Link with { XeroId = invoice.InvoiceID.ToString(), XeroNumber = invoice.InvoiceNumber },
        Detail = plan.Detail with { XeroStatus = invoice.Status, AmountPaid = invoice.AmountPaid, XeroUpdated = invoice.UpdatedDateUTC },
    };

    protected override async Task<IReadOnlyList<RowPlan<XeroInvoice>>> SendAsync(
        IReadOnlyList<RowPlan<XeroInvoice>> plans, OrderBatch batch, CancellationToken ct)
    {
        var credited = new Dictionary<Guid, RowPlan<XeroInvoice>>();
        foreach (var plan in plans.Where(p => batch.Credits.ContainsKey(p.Id))) credited[plan.Id] = await CreditAsync(plan, batch.Credits[plan.Id], ct);
        var invoices = plans.Where(p => !credited.ContainsKey(p.Id)).ToList();
        var sent = invoices.Count == 0 ? [] : await SaveAsync(invoices, batch, ct);
        var byId = sent.ToDictionary(p => p.Id);
        return plans.Select(p => credited.GetValueOrDefault(p.Id) ?? byId[p.Id]).ToList();
    }

    /// <summary>
    /// A cancelled order's paid invoice, credited (<c>Sync:CreditPaidCancellations</c>): one credit note and its allocation, each call with
    /// an Idempotency-Key from the order and its invoice, so a retry within Xero's window is not applied twice; the link then remembers the
    /// credit note, so it is never raised again.
    /// </summary>
    private async Task<RowPlan<XeroInvoice>> CreditAsync(RowPlan<XeroInvoice> plan, Mapping.InvoiceCredit credit, CancellationToken ct)
    {
        if (credit.Note is null || plan.XeroId is not { } invoiceId)
            return plan with { Refusal = "The order is cancelled and its Xero invoice is paid, but the invoice could not be read from Xero to credit it; it is tried again." };
        var note = await S.Xero.CreditInvoiceAsync(credit.Note with { Date = S.Time.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) },
            invoiceId, credit.Allocate, $"credit:{plan.Id:N}:{invoiceId:N}", ct);
        var total = credit.Note.LineItems?.Sum(l => l.UnitAmount ?? 0m) ?? 0m;
        var refund = total - credit.Allocate;
        // Skipped, as the cancelled order is from now on (it has nothing more to send), saying how it was credited.
        return plan with
        {
            Sent = true,
            Settles = SyncStatus.Skipped,
            Reason = $"Credited in Xero: credit note {note.CreditNoteNumber} for {total:0.00}; {credit.Allocate:0.00} allocated to the invoice"
                + (refund > 0 ? $", {refund:0.00} left as credit to refund to the customer." : "."),
            Detail = plan.Detail with { CreditNote = note.CreditNoteNumber ?? note.CreditNoteID?.ToString() },
        };
    }

    private async Task<IReadOnlyList<RowPlan<XeroInvoice>>> SaveAsync(IReadOnlyList<RowPlan<XeroInvoice>> plans, OrderBatch batch, CancellationToken ct)
    {
        var results = await S.Xero.SaveInvoicesAsync(plans.Select(p => p.Payload!).ToList(), ct);
        XeroWriteOutcome.ThrowIfCallFailed(results);
        return plans.Zip(results, (plan, result) =>
        {
            if (result is not { IsOk: true, Saved: { InvoiceID: { } invoiceId } saved })
            {
                if (PreSendCheck.IsAboutSettings(result.Error)) S.Indexes.Reference.Invalidate();
                return plan with { Refusal = result.Error ?? "Xero refused the invoice without saying why." };
            }
            // Pair each line Xero kept with the Dynamics line it came from, by position: Xero answers the lines in the order sent.
            var keys = batch.LineKeys.GetValueOrDefault(plan.Id) ?? [];
            var savedLines = saved.LineItems ?? [];
            var lineIds = keys.Count == savedLines.Count
                ? keys.Zip(savedLines).Where(p => p.Second.LineItemID is not null).ToDictionary(p => p.First.Value, p => p.Second.LineItemID!.Value)
                : plan.Detail.Lines;
            if (saved.Reference is { } reference && S.Indexes.LoadedInvoices is { } index) index[reference] = saved;
            return plan with
            {
                Sent = true,
                Link = plan.Link with { XeroId = invoiceId.ToString(), XeroNumber = saved.InvoiceNumber ?? plan.Link.XeroNumber },
                // Xero's time of this write: its webhook event is our own echo, not read back (docs/round-trip.md).
                Detail = plan.Detail with { Lines = lineIds, XeroStatus = saved.Status, AmountPaid = saved.AmountPaid, XeroUpdated = saved.UpdatedDateUTC },
            };
        }).ToList();
    }

    /// <summary>Remember each line's order, so a line deleted later still re-sends the order it belonged to.</summary>
    protected override Task AfterRecordAsync(IReadOnlyList<RowPlan<XeroInvoice>> plans, OrderBatch batch, CancellationToken ct) =>
        S.Store.UpsertLinksAsync(plans.SelectMany(p => batch.Lines[p.Id].Select(l => new Link
        {
            Connection = S.Connection, Table = SyncedTables.OrderLine.Name, DynamicsId = l.Id, Status = SyncStatus.Synced,
            Detail = new LinkDetail { Parent = p.Id }.ToJson(),
        })), ct);
}
