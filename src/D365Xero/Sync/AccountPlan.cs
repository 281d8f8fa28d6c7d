using D365Xero.Journal;
using D365Xero.Mapping;
using D365Xero.Source;
using D365Xero.Source.Rows;
using D365Xero.Target.Xero.Model;

namespace D365Xero.Sync;

/// <summary>What the connector decided for one account in a batch, and what came of it.</summary>
internal sealed class AccountPlan(Guid id, Snapshot<AccountRow>? snapshot, Link? link)
{
    public Guid Id { get; } = id;
    public Snapshot<AccountRow>? Snapshot { get; } = snapshot;
    public Link? Link { get; } = link;
    public LinkDetail Detail { get; set; } = LinkDetail.Parse(link?.Detail);
    public ContactMapping? Mapping { get; set; }
    public XeroContact? Payload { get; set; }
    public string? Hash { get; set; }
    /// <summary>The Xero contact this account is (or was just) linked to.</summary>
    public Guid? XeroId { get; set; } = Guid.TryParse(link?.XeroId, out var g) ? g : null;
    public bool Matched { get; set; }
    public bool Send { get; set; }
    public bool Sent { get; set; }
    public string? Error { get; set; }
    /// <summary>Name refused as taken: try once more with the disambiguation suffix.</summary>
    public bool NameTaken { get; set; }
    /// <summary>Our ContactNumber refused as taken on a create: the contact is ours already; update it.</summary>
    public bool NumberTaken { get; set; }

    public bool Deleted => Snapshot is null;
    public SyncStatus Status => Error is null ? SyncStatus.Synced : SyncStatus.Error;
}
