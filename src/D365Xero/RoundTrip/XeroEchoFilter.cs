using D365Xero.Journal;
using D365Xero.Sync;
using D365Xero.Tables;

namespace D365Xero.RoundTrip;

/// <summary>
/// Which of Xero's invoice events are worth a read: not those for invoices the connector did not create (no order to show them on),
/// nor the echo of the connector's own write (an event no later than Xero's <c>UpdatedDateUTC</c> in that write's answer, kept on
/// the order's link). One store query for a post's events, no Xero call.
/// </summary>
public static class XeroEchoFilter
{
    /// <summary>A change at <paramref name="changedAt"/> (Xero's time) that the order's link has already seen: the connector's own write, or an earlier read-back.</summary>
    public static bool IsSeen(Link link, DateTimeOffset? changedAt) =>
        LinkDetail.Parse(link.Detail).XeroUpdated is { } seen && changedAt <= seen;

    /// <returns>The invoice ids to queue for the read-back.</returns>
    public static async Task<IReadOnlyList<Guid>> InvoicesToReadAsync(ISyncStore store, string connection,
        IReadOnlyCollection<(Guid InvoiceId, DateTimeOffset EventDateUtc)> events, CancellationToken ct)
    {
        if (events.Count == 0) return [];
        var links = await store.GetLinksByXeroIdsAsync(connection, SyncedTables.Order.Name, events.Select(e => e.InvoiceId.ToString("D")).Distinct().ToList(), ct);
        return events
            .Where(e => links.TryGetValue(e.InvoiceId.ToString("D"), out var link) && !IsSeen(link, e.EventDateUtc))
            .Select(e => e.InvoiceId).Distinct().ToList();
    }
}
