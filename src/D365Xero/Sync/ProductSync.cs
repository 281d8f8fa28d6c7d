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
/// Syncs a batch of products (≤ 50, one Xero call): each becomes the Xero item with its Code, matched
/// by Code on first sync; a deleted product (or a retired one, by option) deletes its item, and when
/// Xero refuses, the row says why. The item's Code is kept on the link (<c>XeroNumber</c>), which is
/// what an order line needs.
/// </summary>
public sealed class ProductSync(SyncConnection c)
{
    private const string Table = "product";

    public async Task ProcessAsync(IReadOnlyList<WorkItem> items, CancellationToken ct)
    {
        var ids = items.Select(i => i.DynamicsId).Distinct().ToList();
        var products = await c.Reader.GetProductsAsync(ids, ct);
        var links = await c.Store.GetLinksAsync(c.Name, Table, ids, ct);
        var now = c.Time.GetUtcNow();

        var outcomes = new Dictionary<Guid, Link>();
        var toSend = new List<(Guid Id, XeroItem Payload, string Hash)>();
        var matched = new HashSet<Guid>();
        foreach (var id in ids)
        {
            var link = links.GetValueOrDefault(id) ?? new Link { Connection = c.Name, Table = Table, DynamicsId = id };
            var mapping = products.TryGetValue(id, out var product)
                ? ItemMapper.Map(product.Row, c.Options)
                : ItemMapping.Delete("The product was deleted in Dynamics.");
            switch (mapping.Decision)
            {
                case MappingDecision.Delete:
                    outcomes[id] = await DeleteAsync(link, mapping.Reason!, now, ct);
                    break;
                case MappingDecision.Skip:
                    outcomes[id] = link with { Status = SyncStatus.Skipped, LastError = mapping.Reason, PayloadHash = null };
                    c.Counters.For(Table).AddSkipped();
                    break;
                case MappingDecision.Fail:
                    outcomes[id] = link with { Status = SyncStatus.Error, LastError = mapping.Error, PayloadHash = null, FailedAttempts = link.FailedAttempts + 1 };
                    c.Counters.For(Table).AddFailed();
                    break;
                default:
                    var payload = mapping.Payload!;
                    var hash = PayloadHash.Of(payload);
                    if ((link.XeroId is not null || link.Status == SyncStatus.Error) && link.PayloadHash == hash && link.Status is SyncStatus.Synced or SyncStatus.Error)
                    {
                        outcomes[id] = link;
                        if (link.Status == SyncStatus.Synced) c.Counters.For(Table).AddUnchanged();
                        break;
                    }
                    var itemId = Guid.TryParse(link.XeroId, out var known) ? known : (Guid?)null;
                    if (itemId is null)
                    {
                        // First sync: an item with this Code already in Xero is linked, not duplicated (PRODUCT.md §2).
                        var byCode = await c.ItemIndexAsync(ct);
                        if (byCode.TryGetValue(payload.Code!, out var existing) && await IsFreeAsync(existing, ct) && c.ReserveMatch(Table, existing.ItemID!.Value, id))
                        {
                            itemId = existing.ItemID;
                            matched.Add(id);
                        }
                    }
                    toSend.Add((id, payload with { ItemID = itemId }, hash));
                    break;
            }
        }

        if (toSend.Count > 0)
        {
            foreach (var (id, _, hash) in toSend) c.Attempting[(Table, id)] = hash;
            await RecordKeysAsync(toSend.Where(s => s.Payload.ItemID is null).Select(s => (s.Id, s.Payload.Code!)), links, ct);
            var results = await c.Xero.SaveItemsAsync(toSend.Select(s => s.Payload).ToList(), ct);
            XeroWriteOutcome.ThrowIfCallFailed(results);
            for (var i = 0; i < toSend.Count; i++)
            {
                var (id, payload, hash) = toSend[i];
                var link = links.GetValueOrDefault(id) ?? new Link { Connection = c.Name, Table = Table, DynamicsId = id };
                if (results[i] is { IsOk: true, Saved: { ItemID: { } itemId } saved })
                {
                    if (c.LoadedItemIndex is { } index && saved.Code is { } savedCode) index[savedCode] = saved;
                    if (matched.Contains(id)) c.Counters.For(Table).AddMatched();
                    else if (link.XeroId is null) c.Counters.For(Table).AddCreated();
                    else c.Counters.For(Table).AddUpdated();
                    outcomes[id] = link with
                    {
                        XeroId = itemId.ToString(), XeroNumber = saved.Code ?? payload.Code, PayloadHash = hash, Status = SyncStatus.Synced,
                        LastError = null, SyncedAt = now, FailedAttempts = 0,
                    };
                }
                else
                {
                    c.Counters.For(Table).AddFailed();
                    c.Log.LogWarning("Product {ProductId} was not synced: {Reason}", id, results[i].Error);
                    outcomes[id] = link with { Status = SyncStatus.Error, LastError = results[i].Error, PayloadHash = hash, FailedAttempts = link.FailedAttempts + 1 };
                }
            }
        }

        await c.Store.UpsertLinksAsync(outcomes.Values, ct);
        var sent = toSend.Select(s => s.Id).ToHashSet();
        await c.WriteBack.WriteAsync(Table,
            outcomes.Values.Where(l => products.ContainsKey(l.DynamicsId)).Select(l => new RowWriteBack(
                l.DynamicsId, SyncStatusText.Of(l.Status), l.LastError, l.XeroId,
                Url: l.XeroId is { } x ? XeroWebLinks.Item(x) : null, Sent: sent.Contains(l.DynamicsId) && l.Status == SyncStatus.Synced)),
            products.ToDictionary(p => p.Key, p => p.Value.Raw), ct);
    }

    /// <summary>An item another product already owns is never taken over.</summary>
    private async Task<bool> IsFreeAsync(XeroItem item, CancellationToken ct) =>
        item.ItemID is { } id && await c.Store.FindLinkByXeroIdAsync(c.Name, Table, id.ToString(), ct) is null;

    /// <summary>
    /// Before a create is sent, its Code goes on the link: if Xero applies it and the process dies
    /// before the answer is recorded, a product deleted meanwhile still finds its item. The link's
    /// status is left as it was (a new one is Pending), so nothing shows as synced before it is.
    /// </summary>
    private async Task RecordKeysAsync(IEnumerable<(Guid Id, string Code)> creates, IReadOnlyDictionary<Guid, Link> links, CancellationToken ct)
    {
        var keyed = creates.Select(s =>
        {
            var link = links.GetValueOrDefault(s.Id) ?? new Link { Connection = c.Name, Table = Table, DynamicsId = s.Id };
            return link with { Detail = (LinkDetail.Parse(link.Detail) with { Key = s.Code }).ToJson() };
        }).ToList();
        if (keyed.Count > 0) await c.Store.UpsertLinksAsync(keyed, ct);
    }

    private async Task<Link> DeleteAsync(Link link, string reason, DateTimeOffset now, CancellationToken ct)
    {
        // No link to an item, but a create was sent with this Code: Xero may have applied it before
        // the process died. The item with that Code that no other product owns is this product's.
        if (link.XeroId is null && LinkDetail.Parse(link.Detail).Key is { } code
            && (await c.ItemIndexAsync(ct)).TryGetValue(code, out var orphan) && orphan.ItemID is { } orphanId && await IsFreeAsync(orphan, ct))
        {
            link = link with { XeroId = orphanId.ToString() };
        }
        if (!Guid.TryParse(link.XeroId, out var itemId)) return link with { Status = SyncStatus.Skipped, LastError = reason };
        try
        {
            // No Idempotency-Key on DELETE (reference §2); deleting twice finds nothing the second time, harmlessly.
            await c.Xero.DeleteItemAsync(itemId, ct);
            c.Counters.For(Table).AddArchived();
            return link with { XeroId = null, XeroNumber = null, PayloadHash = null, Status = SyncStatus.Skipped, LastError = $"{reason} Its Xero item was deleted.", SyncedAt = now };
        }
        catch (RemoteApiException e) when (e.Kind == ErrorKind.Permanent)
        {
            c.Counters.For(Table).AddFailed();
            return link with { Status = SyncStatus.Error, LastError = $"{reason} Xero refused to delete its item: {e.Message}" };
        }
    }
}
