using D365Xero.Errors;
using D365Xero.Journal;
using D365Xero.Mapping;
using D365Xero.Source.Rows;
using D365Xero.Sync.Validation;
using D365Xero.Tables;
using D365Xero.Target.Xero.Model;

namespace D365Xero.Sync.Steps;

/// <summary>
/// Products → Xero items (50 a call): each becomes the item with its Code, matched by Code on first
/// sync; a deleted product (or a retired one, by option) deletes its item, and when Xero refuses, the
/// row says why. The item's Code is kept on the link (<c>XeroNumber</c>), which is what an order line needs.
/// </summary>
public sealed class ProductStep(StepServices s) : RecordStep<ProductRow, XeroItem, RowBatch<ProductRow>>(s)
{
    protected override SyncedTable Table => SyncedTables.Product;

    protected override async Task<RowBatch<ProductRow>> ReadAsync(IReadOnlyList<Guid> ids, CancellationToken ct) =>
        new(ids, await S.Reader.GetProductsAsync(ids, ct));

    protected override async Task<IReadOnlyList<RowPlan<XeroItem>>> PlanAsync(
        RowBatch<ProductRow> batch, IReadOnlyDictionary<Guid, Link> links, CancellationToken ct)
    {
        var plans = new List<RowPlan<XeroItem>>();
        foreach (var id in batch.Ids)
        {
            var row = batch.Rows.GetValueOrDefault(id);
            plans.Add(await PlanOneAsync(id, row?.Row, row?.Raw, links.GetValueOrDefault(id) ?? NewLink(id), ct));
        }
        return await PreSendCheck.ApplyAsync(plans, S.Indexes.Reference, PayloadValidator.Check, ct);
    }

    private async Task<RowPlan<XeroItem>> PlanOneAsync(Guid id, ProductRow? product, System.Text.Json.Nodes.JsonObject? raw, Link link, CancellationToken ct)
    {
        var plan = new RowPlan<XeroItem> { Id = id, Link = link, Detail = LinkDetail.Parse(link.Detail), Name = product?.Name, Deleted = product is null };
        var mapping = product is null ? ItemMapping.Delete("The product was deleted in Dynamics.") : ItemMapper.Map(product, S.Options);
        switch (mapping.Decision)
        {
            case MappingDecision.Delete:
                return await PlanDeleteAsync(plan, mapping.Reason!, ct);
            case MappingDecision.Skip:
                return plan with { Action = PlannedAction.Skip, Reason = mapping.Reason };
            case MappingDecision.Fail:
                return plan with { Action = PlannedAction.Fail, Reason = mapping.Error };
        }
        var (payload, fieldError) = Coded(mapping.Payload!, raw, S.Options);
        if (fieldError is not null) return plan with { Action = PlannedAction.Fail, Reason = fieldError };
        plan = plan with { Payload = payload, Hash = PayloadHash.Of(payload), Key = payload.Code, Reason = Notes(mapping.Warnings) };
        if ((link.XeroId is not null || link.Status == SyncStatus.Error) && link.PayloadHash == plan.Hash && link.Status is SyncStatus.Synced or SyncStatus.Error)
        {
            return plan with { Action = PlannedAction.Unchanged };
        }
        if (plan.XeroId is { } known) return plan with { Action = PlannedAction.Update, Payload = payload with { ItemID = known } };
        // First sync: an item with this Code already in Xero is linked, not duplicated.
        if ((await S.Indexes.ItemsAsync(ct)).TryGetValue(payload.Code!, out var existing) && await IsFreeAsync(existing, ct)
            && S.Indexes.Reserve(Table.Name, existing.ItemID!.Value, id))
        {
            return plan with
            {
                Action = PlannedAction.Match, Link = link with { XeroId = existing.ItemID.ToString() }, Payload = payload with { ItemID = existing.ItemID },
            };
        }
        return plan with { Action = PlannedAction.Create };
    }

    /// <summary>
    /// The mapped item with its account code and tax type as the Mapping section codes them, and its mapped fields (purchase details:
    /// docs/mappings.md): what is sent, and what `reconcile` compares with Xero. An error when a mapped field's value cannot be sent.
    /// </summary>
    public static (XeroItem Item, string? Error) Coded(XeroItem mapped, System.Text.Json.Nodes.JsonObject? raw, Configuration.SyncOptions options)
    {
        var coding = LineCoder.Code(options, null, null, raw);
        return FieldMapper.Item(mapped with { SalesDetails = mapped.SalesDetails! with { AccountCode = coding.AccountCode, TaxType = coding.TaxType } }, raw, options.Mapping.Item);
    }

    /// <summary>
    /// A product gone or retired deletes its item. With no link but a create sent with this Code, Xero may
    /// have applied it before the process died: the item with that Code that no other product owns is this product's.
    /// </summary>
    private async Task<RowPlan<XeroItem>> PlanDeleteAsync(RowPlan<XeroItem> plan, string reason, CancellationToken ct)
    {
        if (plan.XeroId is null && plan.Detail.Key is { } code
            && (await S.Indexes.ItemsAsync(ct)).TryGetValue(code, out var orphan) && orphan.ItemID is { } orphanId && await IsFreeAsync(orphan, ct))
        {
            plan = plan with { Link = plan.Link with { XeroId = orphanId.ToString() } };
        }
        if (plan.XeroId is not null) return plan with { Action = PlannedAction.Archive, Reason = reason, Settles = SyncStatus.Skipped };
        // Nothing in Xero: a retired product says why on its row; a deleted one has no row left to say it on.
        return plan with { Action = plan.Deleted ? PlannedAction.Nothing : PlannedAction.Skip, Reason = reason };
    }

    /// <summary>An item another product already owns is never taken over.</summary>
    private async Task<bool> IsFreeAsync(XeroItem item, CancellationToken ct) =>
        item.ItemID is { } id && await S.Store.FindLinkByXeroIdAsync(S.Connection, Table.Name, id.ToString(), ct) is null;

    protected override async Task<IReadOnlyList<RowPlan<XeroItem>>> SendAsync(
        IReadOnlyList<RowPlan<XeroItem>> plans, RowBatch<ProductRow> batch, CancellationToken ct)
    {
        var answered = new List<RowPlan<XeroItem>>();
        foreach (var plan in plans.Where(p => p.Action == PlannedAction.Archive)) answered.Add(await DeleteAsync(plan, ct));
        var saves = plans.Where(p => p.Action != PlannedAction.Archive).ToList();
        if (saves.Count == 0) return answered;
        var results = await S.Xero.SaveItemsAsync(saves.Select(p => p.Payload!).ToList(), ct);
        XeroWriteOutcome.ThrowIfCallFailed(results);
        answered.AddRange(saves.Zip(results, (plan, result) =>
        {
            if (result is not { IsOk: true, Saved: { ItemID: { } itemId } saved })
            {
                if (PreSendCheck.IsAboutSettings(result.Error)) S.Indexes.Reference.Invalidate();
                return plan with { Refusal = result.Error ?? "Xero refused the item without saying why." };
            }
            if (S.Indexes.LoadedItems is { } index && saved.Code is { } savedCode) index[savedCode] = saved;
            return plan with { Sent = true, Link = plan.Link with { XeroId = itemId.ToString(), XeroNumber = saved.Code ?? plan.Payload!.Code } };
        }));
        return answered;
    }

    private async Task<RowPlan<XeroItem>> DeleteAsync(RowPlan<XeroItem> plan, CancellationToken ct)
    {
        try
        {
            // DELETE takes no Idempotency-Key (https://developer.xero.com/documentation/guides/idempotent-requests);
            // deleting twice finds nothing the second time, harmlessly.
            await S.Xero.DeleteItemAsync(plan.XeroId!.Value, ct);
            return plan with { Sent = true, Reason = $"{plan.Reason} Its Xero item was deleted.", Link = plan.Link with { XeroId = null, XeroNumber = null } };
        }
        catch (RemoteApiException e) when (e.Kind == ErrorKind.Permanent)
        {
            return plan with { Refusal = $"{plan.Reason} Xero refused to delete its item: {e.Message}" };
        }
    }

    private static string? Notes(IReadOnlyList<string> warnings) => warnings.Count == 0 ? null : string.Join(" ", warnings);
}
