using D365Xero.Journal;
using D365Xero.Mapping;
using D365Xero.Source;
using D365Xero.Source.Rows;

namespace D365Xero.Sync.Steps;

/// <summary>
/// A batch of sales orders with their lines, each order's customer account (a contact customer's
/// parent, or why there is none), and what of its customers and products has reached Xero.
/// </summary>
public sealed class OrderBatch(IReadOnlyList<Guid> ids, IReadOnlyDictionary<Guid, Snapshot<SalesOrderRow>> rows) : RowBatch<SalesOrderRow>(ids, rows)
{
    public required ILookup<Guid, SalesOrderLineRow> Lines { get; init; }

    /// <summary>The account whose Xero contact is the invoice's contact, per order.</summary>
    public required IReadOnlyDictionary<Guid, Guid> CustomerAccounts { get; init; }

    /// <summary>The contact whose own Xero contact is the invoice's contact (an individual customer, Sync:StandaloneContacts), per order.</summary>
    public IReadOnlyDictionary<Guid, Guid> CustomerIndividuals { get; init; } = new Dictionary<Guid, Guid>();

    /// <summary>Why an order has no account to invoice, per order.</summary>
    public required IReadOnlyDictionary<Guid, string> CustomerProblems { get; init; }

    public required IReadOnlyDictionary<Guid, Link> AccountLinks { get; init; }

    /// <summary>The links of the individual customers (contacts) the orders are for.</summary>
    public IReadOnlyDictionary<Guid, Link> IndividualLinks { get; init; } = new Dictionary<Guid, Link>();

    /// <summary>productid → the Code of its synced Xero item.</summary>
    public required IReadOnlyDictionary<Guid, string> ItemCodes { get; init; }

    public required IReadOnlyDictionary<Guid, string> Currencies { get; init; }

    /// <summary>The lines' products as read, when the mapping reads product columns (docs/mappings.md); else empty.</summary>
    public IReadOnlyDictionary<Guid, System.Text.Json.Nodes.JsonObject> Products { get; init; } = new Dictionary<Guid, System.Text.Json.Nodes.JsonObject>();

    /// <summary>The key of each payload line of an order's latest mapping, index for index, to pair with Xero's LineItemIDs.</summary>
    public Dictionary<Guid, IReadOnlyList<LineKey>> LineKeys { get; } = [];

    /// <summary>Cancelled orders whose paid invoice is credited (<c>Sync:CreditPaidCancellations</c>): the credit note and the amount allocated to the invoice.</summary>
    public Dictionary<Guid, InvoiceCredit> Credits { get; } = [];

    /// <summary>The order's customer is archived in Xero (inactive or deleted in Dynamics), so Xero would refuse a new invoice to it.</summary>
    public bool CustomerArchived(Guid orderId) => LinkDetail.Parse(
        (CustomerAccounts.TryGetValue(orderId, out var account) ? AccountLinks.GetValueOrDefault(account)
        : CustomerIndividuals.TryGetValue(orderId, out var contact) ? IndividualLinks.GetValueOrDefault(contact) : null)?.Detail).Archived == true;

    /// <summary>The ContactID of the order's customer in Xero, or null while it has not reached Xero.</summary>
    public Guid? CustomerContactId(Guid orderId) =>
        CustomerAccounts.TryGetValue(orderId, out var account) ? XeroIdOf(AccountLinks.GetValueOrDefault(account))
        : CustomerIndividuals.TryGetValue(orderId, out var contact) && IndividualLinks.GetValueOrDefault(contact) is { } link && LinkDetail.Parse(link.Detail).Own == true
            ? XeroIdOf(link) : null;

    /// <summary>The customer the order waits for while it has not reached Xero: its account, or its individual customer.</summary>
    public Dependency? Customer(Guid orderId) =>
        CustomerAccounts.TryGetValue(orderId, out var account) ? new Dependency(Tables.SyncedTables.Account.Name, account)
        : CustomerIndividuals.TryGetValue(orderId, out var contact) ? new Dependency(Tables.SyncedTables.Contact.Name, contact) : null;

    private static Guid? XeroIdOf(Link? link) => link?.XeroId is { } x && Guid.TryParse(x, out var g) ? g : null;
}
