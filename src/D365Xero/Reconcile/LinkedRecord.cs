using D365Xero.Journal;
using D365Xero.Sync;
using D365Xero.Tables;

namespace D365Xero.Reconcile;

/// <summary>A Dynamics row the store links to a Xero contact or item of its own.</summary>
public sealed record LinkedRecord(Link Link, Guid XeroId, LinkDetail Detail)
{
    public string Table => Link.Table;
    public Guid DynamicsId => Link.DynamicsId;

    /// <summary>
    /// The synced links whose Xero record is the row's own: accounts (contacts), individual customers (a contact with
    /// a Xero contact of its own, <see cref="LinkDetail.Own"/>; a person of an account travels in its account's contact)
    /// and products (items). A row that failed is left out: `status` lists it with its reason, and its payload is not what Xero holds.
    /// </summary>
    public static async Task<IReadOnlyList<LinkedRecord>> ReadAsync(ISyncStore store, string connection, CancellationToken ct) =>
        (await store.GetLinksByStatusAsync(connection, SyncStatus.Synced, int.MaxValue, ct)).Select(Of).OfType<LinkedRecord>().ToList();

    /// <summary>The link as a record to compare, or null when it names no Xero contact or item of its own.</summary>
    public static LinkedRecord? Of(Link link)
    {
        if (!Guid.TryParse(link.XeroId, out var xeroId)) return null;
        var detail = LinkDetail.Parse(link.Detail);
        var own = link.Table == SyncedTables.Account.Name || link.Table == SyncedTables.Product.Name
            || (link.Table == SyncedTables.Contact.Name && detail.Own == true);
        return own ? new LinkedRecord(link, xeroId, detail) : null;
    }
}
