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
/// Syncs a batch of sales orders (≤ 50, one Xero call) as ACCREC invoices: the customer by ContactID
/// only, lines with their remembered LineItemIDs, status moves by the configured rule; cancelled or
/// deleted orders delete or void their invoice, never a paid one. An order whose customer or products
/// have not reached Xero waits: they are queued, and the order follows them in the same run.
/// </summary>
/// <remarks>
/// Where work may run twice: Xero created the invoice but we crashed before recording it → the next
/// pass finds it by Reference (the order number) among the organisation's invoices and updates it.
/// </remarks>
public sealed class OrderSync(SyncConnection c)
{
    private const string Table = "salesorder";

    /// <summary>Works the batch; returns the orders that must wait for their dependencies.</summary>
    public async Task<IReadOnlySet<Guid>> ProcessAsync(IReadOnlyList<WorkItem> items, CancellationToken ct)
    {
        var ids = items.Select(i => i.DynamicsId).Distinct().ToList();
        var orders = await c.Reader.GetOrdersAsync(ids, ct);
        var lines = (await c.Reader.GetLinesOfOrdersAsync(orders.Keys.ToList(), ct)).ToLookup(l => l.OrderId);
        var links = await c.Store.GetLinksAsync(c.Name, Table, ids, ct);
        var plans = ids.Select(id => new OrderPlan(id, orders.GetValueOrDefault(id),
            links.GetValueOrDefault(id) ?? new Link { Connection = c.Name, Table = Table, DynamicsId = id }) { Lines = lines[id].ToList() }).ToList();

        await ResolveCustomersAsync(plans, ct);
        var accountLinks = await c.Store.GetLinksAsync(c.Name, "account", plans.Select(p => p.CustomerAccountId).OfType<Guid>().Distinct().ToList(), ct);
        var productLinks = await c.Store.GetLinksAsync(c.Name, "product",
            plans.SelectMany(p => p.Lines).Select(l => l.ProductId).OfType<Guid>().Distinct().ToList(), ct);
        var itemCodes = productLinks.Values.Where(l => l.XeroId is not null && l.XeroNumber is not null)
            .ToDictionary(l => l.DynamicsId, l => l.XeroNumber!);
        var currencies = await c.Reader.GetCurrencyCodesAsync(plans.Select(p => p.Snapshot?.Row.CurrencyId).OfType<Guid>(), ct);

        await FindOrphansAsync(plans.Where(p => p.Deleted && p.InvoiceId is null && p.Detail.Key is not null).ToList(), ct);
        foreach (var plan in plans) Map(plan, null, accountLinks, itemCodes, currencies);

        // Before changing an invoice Xero may have moved on (approved, paid, voided by a person), read
        // its current state: one call for the batch, and none when nothing is to be sent.
        var stale = plans.Where(p => p.Send && p.InvoiceId is not null).ToList();
        if (stale.Count > 0)
        {
            var current = (await c.Xero.GetInvoicesByIdsAsync(stale.Select(p => p.InvoiceId!.Value), ct)).ToDictionary(i => i.InvoiceID!.Value);
            foreach (var plan in stale) Map(plan, current.GetValueOrDefault(plan.InvoiceId!.Value), accountLinks, itemCodes, currencies);
        }
        await MatchAsync(plans.Where(p => p.Send && p.InvoiceId is null).ToList(), ct);
        await RecordKeysAsync(plans.Where(p => p.Send && p.InvoiceId is null && p.Mapping!.Payload!.Reference is not null).ToList(), ct);
        await SendAsync(plans.Where(p => p.Send).ToList(), ct);

        var waiting = await QueueDependenciesAsync(plans, accountLinks, productLinks, ct);
        await RecordAsync(plans.Where(p => !waiting.Contains(p.Id)).ToList(), ct);
        return waiting;
    }

    private async Task ResolveCustomersAsync(List<OrderPlan> plans, CancellationToken ct)
    {
        var contactIds = plans.Select(p => p.Snapshot?.Row.Customer).Where(r => r is { Table: "contact" }).Select(r => r!.Value.Id).Distinct().ToList();
        var contacts = contactIds.Count == 0 ? new Dictionary<Guid, Snapshot<ContactRow>>() : await c.Reader.GetContactsAsync(contactIds, ct);
        foreach (var plan in plans)
        {
            switch (plan.Snapshot?.Row.Customer)
            {
                case { Table: "contact" } contact:
                    // An order for a Dynamics contact goes to its parent account's Xero contact (PRODUCT.md §1).
                    if (!contacts.TryGetValue(contact.Id, out var row)) plan.CustomerProblem = "The order's customer contact no longer exists.";
                    else if (row.Row.ParentAccountId is { } parent) plan.CustomerAccountId = parent;
                    else plan.CustomerProblem = "The order's customer is a contact without a parent account, so it has no Xero contact to invoice " +
                        "(individual contacts are not synced). Set the contact's account, or bill the order to an account.";
                    break;
                case { } account:
                    plan.CustomerAccountId = account.Id;
                    break;
            }
        }
    }

    private void Map(OrderPlan plan, XeroInvoice? current, IReadOnlyDictionary<Guid, Link> accountLinks,
        IReadOnlyDictionary<Guid, string> itemCodes, IReadOnlyDictionary<Guid, string> currencies)
    {
        var customer = plan.CustomerAccountId is { } a && accountLinks.GetValueOrDefault(a)?.XeroId is { } x && Guid.TryParse(x, out var g) ? g : (Guid?)null;
        var context = new InvoiceContext
        {
            CustomerContactId = customer,
            ItemCodes = itemCodes,
            CurrencyCodes = currencies,
            Options = c.Options,
            LineItemIds = (plan.Detail.Lines ?? []).ToDictionary(kv => new LineKey(kv.Key), kv => kv.Value),
            InvoiceId = plan.InvoiceId,
            XeroStatus = current?.Status ?? plan.Detail.XeroStatus,
            AmountPaid = current?.AmountPaid ?? plan.Detail.AmountPaid ?? 0,
        };
        if (current is not null) plan.Detail = plan.Detail with { XeroStatus = current.Status, AmountPaid = current.AmountPaid };

        if (plan.CustomerProblem is not null && !plan.Deleted)
        {
            plan.Mapping = InvoiceMapping.Fail(plan.CustomerProblem, []);
        }
        else
        {
            // A deleted order is handled as a cancelled one: its invoice is deleted or voided (PRODUCT.md §1).
            plan.Mapping = plan.Deleted ? InvoiceCancellation.Map(context) : InvoiceMapper.Map(plan.Snapshot!.Row, plan.Lines, context);
        }

        plan.Waiting.Clear();
        plan.Send = false;
        if (plan.Mapping.Decision == MappingDecision.Wait)
        {
            if (customer is null && plan.CustomerAccountId is { } account) plan.Waiting.Add(new Dependency("account", account));
            plan.Waiting.AddRange(plan.Mapping.WaitingFor.Where(d => d.Table == "product"));
            return;
        }
        if (plan.Mapping.Decision != MappingDecision.Send) return;

        var payload = plan.Mapping.Payload!;
        // The client matches answers by InvoiceNumber, else Reference: a status-only change carries the number it already has.
        if (payload.Reference is null && payload.InvoiceNumber is null) payload = payload with { InvoiceNumber = plan.Link.XeroNumber };
        plan.Mapping = plan.Mapping with { Payload = payload with { InvoiceID = payload.InvoiceID ?? plan.InvoiceId } };
        // With the line keys: a line replaced by an identical one still re-sends, so its new key gets its LineItemID.
        plan.Hash = PayloadHash.Of(new { Invoice = WithoutXeroIds(plan.Mapping.Payload), Lines = plan.Mapping.Lines.Select(k => k.Value) });
        plan.Send = !(plan.Link.PayloadHash == plan.Hash && plan.Link.Status is SyncStatus.Synced or SyncStatus.Error);
    }

    /// <summary>
    /// The payload as the order alone decides it: the InvoiceID and LineItemIDs are Xero's, learnt when
    /// it was first sent, so hashing them would make every invoice's next pass differ and re-send it.
    /// </summary>
    private static XeroInvoice WithoutXeroIds(XeroInvoice payload) => payload with
    {
        InvoiceID = null,
        LineItems = payload.LineItems?.Select(l => l with { LineItemID = null }).ToList(),
    };

    /// <summary>First sync: an invoice already in Xero with this order's number as Reference is this order's.</summary>
    private async Task MatchAsync(List<OrderPlan> plans, CancellationToken ct)
    {
        if (plans.Count == 0) return;
        var index = await c.InvoiceIndexAsync(ct);
        foreach (var plan in plans)
        {
            var reference = plan.Mapping!.Payload!.Reference;
            if (reference is null || !index.TryGetValue(reference, out var existing) || existing.InvoiceID is not { } id) continue;
            if (await c.Store.FindLinkByXeroIdAsync(c.Name, Table, id.ToString(), ct) is not null || !c.ReserveMatch(Table, id, plan.Id)) continue;
            plan.Link = plan.Link with { XeroId = id.ToString(), XeroNumber = existing.InvoiceNumber };
            plan.Detail = plan.Detail with { XeroStatus = existing.Status, AmountPaid = existing.AmountPaid };
            plan.Mapping = plan.Mapping with { Payload = plan.Mapping.Payload with { InvoiceID = id } };
            c.Counters.For(Table).AddMatched();
        }
    }

    /// <summary>
    /// Before a create is sent, its Reference goes on the link: if Xero applies it and the process
    /// dies before the answer is recorded, an order deleted meanwhile still finds its invoice. The
    /// link's status is left as it was (a new one is Pending), so nothing shows as synced before it is.
    /// </summary>
    private async Task RecordKeysAsync(List<OrderPlan> creates, CancellationToken ct)
    {
        if (creates.Count == 0) return;
        foreach (var plan in creates)
        {
            plan.Detail = plan.Detail with { Key = plan.Mapping!.Payload!.Reference };
            plan.Link = plan.Link with { Detail = plan.Detail.ToJson() };
        }
        await c.Store.UpsertLinksAsync(creates.Select(p => p.Link), ct);
    }

    /// <summary>
    /// A deleted order with no invoice, whose create was sent: Xero may have applied it before the
    /// process died. The live invoice with that Reference that no other order owns is this order's,
    /// and is deleted or voided like any other.
    /// </summary>
    private async Task FindOrphansAsync(List<OrderPlan> plans, CancellationToken ct)
    {
        if (plans.Count == 0) return;
        var index = await c.InvoiceIndexAsync(ct);
        foreach (var plan in plans)
        {
            if (!index.TryGetValue(plan.Detail.Key!, out var orphan) || orphan.InvoiceID is not { } id) continue;
            if (await c.Store.FindLinkByXeroIdAsync(c.Name, Table, id.ToString(), ct) is not null) continue;
            plan.Link = plan.Link with { XeroId = id.ToString(), XeroNumber = orphan.InvoiceNumber };
            plan.Detail = plan.Detail with { XeroStatus = orphan.Status, AmountPaid = orphan.AmountPaid };
        }
    }

    private async Task SendAsync(List<OrderPlan> plans, CancellationToken ct)
    {
        if (plans.Count == 0) return;
        foreach (var plan in plans) if (plan.Hash is { } hash) c.Attempting[(Table, plan.Id)] = hash;
        var results = await c.Xero.SaveInvoicesAsync(plans.Select(p => p.Mapping!.Payload!).ToList(), ct);
        XeroWriteOutcome.ThrowIfCallFailed(results);
        var index = c.LoadedInvoiceIndex;
        for (var i = 0; i < plans.Count; i++)
        {
            var plan = plans[i];
            if (results[i] is { IsOk: true, Saved: { InvoiceID: { } invoiceId } saved })
            {
                if (plan.InvoiceId is null) c.Counters.For(Table).AddCreated(); else c.Counters.For(Table).AddUpdated();
                plan.Sent = true;
                plan.Link = plan.Link with { XeroId = invoiceId.ToString(), XeroNumber = saved.InvoiceNumber ?? plan.Link.XeroNumber };
                // Pair each line Xero kept with the Dynamics line it came from, by position: Xero answers the lines in the order sent.
                var keys = plan.Mapping!.Lines;
                var savedLines = saved.LineItems ?? [];
                var lineIds = keys.Count == savedLines.Count
                    ? keys.Zip(savedLines).Where(p => p.Second.LineItemID is not null).ToDictionary(p => p.First.Value, p => p.Second.LineItemID!.Value)
                    : plan.Detail.Lines;
                plan.Detail = plan.Detail with { Lines = lineIds, XeroStatus = saved.Status, AmountPaid = saved.AmountPaid };
                if (saved.Reference is { } reference && index is not null) index[reference] = SyncConnection.IndexEntry(saved);
            }
            else
            {
                plan.Mapping = InvoiceMapping.Fail(results[i].Error ?? "Xero refused the invoice without saying why.", []);
            }
        }
    }

    /// <summary>
    /// A dependency that failed or was skipped will not arrive by waiting: the order fails, saying
    /// which. The rest are queued (they are synced first, the order right after).
    /// </summary>
    private async Task<IReadOnlySet<Guid>> QueueDependenciesAsync(List<OrderPlan> plans, IReadOnlyDictionary<Guid, Link> accounts,
        IReadOnlyDictionary<Guid, Link> products, CancellationToken ct)
    {
        var waiting = new HashSet<Guid>();
        var queue = new List<WorkKey>();
        foreach (var plan in plans.Where(p => p.Waiting.Count > 0))
        {
            var blocked = plan.Waiting
                .Select(d => (d, link: (d.Table == "account" ? accounts : products).GetValueOrDefault(d.Id)))
                .Where(x => x.link is { Status: SyncStatus.Error or SyncStatus.Skipped })
                .Select(x => $"its {(x.d.Table == "account" ? "customer" : "product")} {x.d.Id} could not be synced ({x.link!.LastError})")
                .ToList();
            if (blocked.Count > 0)
            {
                plan.Mapping = InvoiceMapping.Fail($"The order cannot reach Xero because {string.Join("; ", blocked)}.", []);
                continue;
            }
            waiting.Add(plan.Id);
            queue.AddRange(plan.Waiting.Select(d => new WorkKey(d.Table, d.Id)));
        }
        await c.Store.EnqueueAsync(c.Name, queue.Distinct(), ct);
        return waiting;
    }

    private async Task RecordAsync(List<OrderPlan> plans, CancellationToken ct)
    {
        var now = c.Time.GetUtcNow();
        var links = new List<Link>();
        var rows = new List<RowWriteBack>();
        foreach (var plan in plans)
        {
            var mapping = plan.Mapping!;
            var (status, message) = mapping.Decision switch
            {
                // Unchanged since last time: keep what it was (synced, or refused with its reason).
                MappingDecision.Send when !plan.Send => (plan.Link.Status, plan.Link.LastError),
                MappingDecision.Send => (SyncStatus.Synced, (string?)null),
                MappingDecision.Skip => (SyncStatus.Skipped, mapping.Reason),
                _ => (SyncStatus.Error, mapping.Error ?? mapping.Reason),
            };
            if (status == SyncStatus.Error) c.Counters.For(Table).AddFailed();
            else if (status == SyncStatus.Skipped) c.Counters.For(Table).AddSkipped();
            else if (!plan.Send) c.Counters.For(Table).AddUnchanged();
            if (status == SyncStatus.Error) c.Log.LogWarning("Order {OrderId} was not synced: {Reason}", plan.Id, message);
            if (plan.Deleted && plan.InvoiceId is null) continue;
            links.Add(plan.Link with
            {
                PayloadHash = plan.Hash ?? plan.Link.PayloadHash,
                Status = status,
                LastError = message,
                SyncedAt = plan.Sent ? now : plan.Link.SyncedAt,
                FailedAttempts = status == SyncStatus.Error ? plan.Link.FailedAttempts + 1 : 0,
                Detail = plan.Detail.ToJson(),
            });
            if (!plan.Deleted)
            {
                rows.Add(new RowWriteBack(plan.Id, SyncStatusText.Of(status), message, plan.Link.XeroId, plan.Link.XeroNumber,
                    plan.Link.XeroId is { } x ? XeroWebLinks.Invoice(x) : null, plan.Sent));
            }
        }
        await c.Store.UpsertLinksAsync(links, ct);
        await c.WriteBack.WriteAsync(Table, rows, plans.Where(p => !p.Deleted).ToDictionary(p => p.Id, p => p.Snapshot!.Raw), ct);
        // Remember each line's order, so a line deleted later still re-sends the order it belonged to.
        await c.Store.UpsertLinksAsync(plans.SelectMany(p => p.Lines.Select(l => new Link
        {
            Connection = c.Name, Table = "salesorderdetail", DynamicsId = l.Id, Status = SyncStatus.Synced,
            Detail = new LinkDetail { Parent = p.Id }.ToJson(),
        })), ct);
    }
}
