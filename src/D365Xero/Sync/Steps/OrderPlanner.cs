using D365Xero.Configuration;
using D365Xero.Journal;
using D365Xero.Mapping;
using D365Xero.Tables;
using D365Xero.Target.Xero.Model;

namespace D365Xero.Sync.Steps;

/// <summary>
/// Decides one order (pure: the batch and what Xero last said in, a plan out): its invoice as the
/// mapper computes it, a cancellation, a wait for its customer or products, or a refusal.
/// </summary>
public static class OrderPlanner
{
    /// <param name="current">The invoice as Xero holds it now, when it was read for this pass.</param>
    public static RowPlan<XeroInvoice> Plan(RowPlan<XeroInvoice> plan, OrderBatch batch, SyncOptions options, DateTimeOffset now, XeroInvoice? current = null)
    {
        var customer = batch.CustomerContactId(plan.Id);
        var detail = current is null ? plan.Detail : plan.Detail with { XeroStatus = current.Status, AmountPaid = current.AmountPaid };
        plan = plan with { Detail = detail, Payload = null, Hash = null, WaitingFor = [] };
        var context = new InvoiceContext
        {
            CustomerContactId = customer,
            ItemCodes = batch.ItemCodes,
            CurrencyCodes = batch.Currencies,
            Options = options,
            LineItemIds = (detail.Lines ?? []).ToDictionary(kv => new LineKey(kv.Key), kv => kv.Value),
            Coding = Coding(plan.Id, batch, options),
            OrderCoding = batch.Rows.TryGetValue(plan.Id, out var row) ? LineCoder.Code(options, row.Raw, null, null) : null,
            OrderColumns = row?.Raw,
            InvoiceId = plan.XeroId,
            XeroStatus = detail.XeroStatus,
            AmountPaid = detail.AmountPaid ?? 0,
            Current = current,
            CreditedBy = detail.CreditNote,
        };
        if (plan.Deleted && plan.XeroId is null) return plan with { Action = PlannedAction.Nothing, Reason = "The order was deleted before it reached Xero." };
        if (!plan.Deleted && plan.XeroId is null && batch.CustomerArchived(plan.Id))
        {
            // Xero refuses new invoices to an archived contact (docs/xero-rules.md#x-invoice-archived-contact-refused): caught here, no call spent.
            return plan with
            {
                Action = PlannedAction.Fail,
                Reason = "The order's customer is inactive or deleted in Dynamics, so its Xero contact is archived, and Xero refuses new invoices to an archived contact. "
                    + "Reactivate the account, or bill the order to another customer.",
            };
        }
        if (!plan.Deleted && !batch.Lines[plan.Id].Any() && batch.Rows[plan.Id].Row.CreatedOn + options.EmptyOrderWait is { } deadline && deadline > now)
        {
            // Dynamics saves the header first and each line after it: a line's arrival re-sends the order.
            return plan with
            {
                Action = PlannedAction.Wait, RetryIn = deadline - now,
                Reason = $"Waiting for its lines: an order is saved before its lines. If it still has none at {deadline:u}, that is an error.",
            };
        }
        var mapping = batch.CustomerProblems.TryGetValue(plan.Id, out var problem) && !plan.Deleted
            ? InvoiceMapping.Fail(problem, [])
            // A deleted order is handled as a cancelled one: its invoice is deleted or voided.
            : plan.Deleted ? InvoiceCancellation.Map(context) : InvoiceMapper.Map(batch.Rows[plan.Id].Row, batch.Lines[plan.Id].ToList(), context);
        batch.LineKeys[plan.Id] = mapping.Lines;
        switch (mapping.Decision)
        {
            case MappingDecision.Wait:
                var customerFirst = customer is null && batch.Customer(plan.Id) is { } dependency ? [dependency] : Array.Empty<Dependency>();
                return plan with
                {
                    Action = PlannedAction.Wait, Reason = mapping.Reason,
                    WaitingFor = [.. customerFirst, .. mapping.WaitingFor.Where(d => d.Table == SyncedTables.Product.Name)],
                };
            case MappingDecision.Skip:
                return plan with { Action = PlannedAction.Skip, Reason = mapping.Reason };
            case not MappingDecision.Send:
                return plan with { Action = PlannedAction.Fail, Reason = mapping.Error ?? mapping.Reason };
        }
        if (mapping.Credit is { } credit)
        {
            batch.Credits[plan.Id] = credit;
            return plan with { Payload = mapping.Payload, Hash = PayloadHash.Of(new { Credit = plan.XeroId, credit.Allocate }), Action = PlannedAction.Update };
        }
        batch.Credits.Remove(plan.Id);
        var payload = mapping.Payload!;
        // The client matches answers by InvoiceNumber, else Reference: a status-only change carries the number it already has.
        if (payload.Reference is null && payload.InvoiceNumber is null) payload = payload with { InvoiceNumber = plan.Link.XeroNumber };
        payload = payload with { InvoiceID = payload.InvoiceID ?? plan.XeroId };
        // With the line keys: a line replaced by an identical one still re-sends, so its new key gets its LineItemID.
        // The theme's name is not sent (its id is, once validated), so it joins the hash beside the payload.
        // The status hashed is the one the order asks for, not the one sent (which never goes back from Xero's): an invoice approved
        // in Xero, and read back onto its order, must not make the order's next pass send it again (docs/round-trip.md, no echo loops).
        var hashed = WithoutXeroIds(payload);
        if (!plan.Deleted && batch.Rows.TryGetValue(plan.Id, out var ordered))
            hashed = hashed with { Status = InvoiceStatus.Wanted(ordered.Row.State, options.AuthoriseWhen.ToString()) };
        var hash = PayloadHash.Of(new { Invoice = hashed, Lines = mapping.Lines.Select(k => k.Value), Theme = payload.BrandingThemeName });
        var unchanged = plan.Link.PayloadHash == hash && plan.Link.Status is SyncStatus.Synced or SyncStatus.Error;
        return plan with
        {
            Payload = payload, Hash = hash, Key = payload.Reference,
            Reason = mapping.Warnings.Count == 0 ? null : string.Join(" ", mapping.Warnings),
            Action = unchanged ? PlannedAction.Unchanged : plan.XeroId is null ? PlannedAction.Create : PlannedAction.Update,
        };
    }

    private static Dictionary<Guid, LineCoding> Coding(Guid order, OrderBatch batch, SyncOptions options) =>
        batch.Lines[order].ToDictionary(l => l.Id, l => LineCoder.Code(options, batch.Rows.GetValueOrDefault(order)?.Raw, l.Raw,
            l.ProductId is { } p ? batch.Products.GetValueOrDefault(p) : null));

    /// <summary>
    /// The payload as the order alone decides it: the InvoiceID and LineItemIDs are Xero's, learnt when
    /// it was first sent, so hashing them would make every invoice's next pass differ and re-send it.
    /// </summary>
    private static XeroInvoice WithoutXeroIds(XeroInvoice payload) => payload with
    {
        InvoiceID = null,
        LineItems = payload.LineItems?.Select(l => l with { LineItemID = null }).ToList(),
    };
}
