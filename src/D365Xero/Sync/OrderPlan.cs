using D365Xero.Journal;
using D365Xero.Mapping;
using D365Xero.Source;
using D365Xero.Source.Rows;

namespace D365Xero.Sync;

/// <summary>What the connector decided for one sales order in a batch, and what came of it.</summary>
internal sealed class OrderPlan(Guid id, Snapshot<SalesOrderRow>? snapshot, Link link)
{
    public Guid Id { get; } = id;
    public Snapshot<SalesOrderRow>? Snapshot { get; } = snapshot;
    public Link Link { get; set; } = link;
    public LinkDetail Detail { get; set; } = LinkDetail.Parse(link.Detail);
    public IReadOnlyList<SalesOrderLineRow> Lines { get; set; } = [];
    /// <summary>The account whose Xero contact is the invoice's contact (a contact customer's parent).</summary>
    public Guid? CustomerAccountId { get; set; }
    public string? CustomerProblem { get; set; }
    public InvoiceMapping? Mapping { get; set; }
    public string? Hash { get; set; }
    public bool Send { get; set; }
    public bool Sent { get; set; }
    /// <summary>Rows that must reach Xero first; the order goes back in the queue until they have.</summary>
    public List<Dependency> Waiting { get; } = [];

    public bool Deleted => Snapshot is null;
    public Guid? InvoiceId => Guid.TryParse(Link.XeroId, out var g) ? g : null;
}
