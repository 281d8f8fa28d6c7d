using D365Xero.Source;
using D365Xero.Source.Rows;
using D365Xero.Tables;

namespace D365Xero.Sync.Steps;

/// <summary>Reads a batch of orders and what planning them needs: lines, customers, and the links of their customers and products.</summary>
public sealed class OrderReader(StepServices s)
{
    public const string NoParentAccount = "The order's customer is a contact without a parent account, so it has no Xero contact to invoice " +
        "(individual contacts are not synced: Sync:StandaloneContacts). Set the contact's account, or bill the order to an account.";

    public async Task<OrderBatch> ReadAsync(IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        var orders = await s.Reader.GetOrdersAsync(ids, ct);
        var lines = (await s.Reader.GetLinesOfOrdersAsync(orders.Keys.ToList(), ct)).ToLookup(l => l.OrderId ?? Guid.Empty);
        var (accounts, individuals, problems) = await CustomersAsync(orders, ct);
        var accountLinks = await s.Store.GetLinksAsync(s.Connection, SyncedTables.Account.Name, accounts.Values.Distinct().ToList(), ct);
        var individualLinks = individuals.Count == 0 ? new Dictionary<Guid, Journal.Link>()
            : await s.Store.GetLinksAsync(s.Connection, SyncedTables.Contact.Name, individuals.Values.Distinct().ToList(), ct);
        var productLinks = await s.Store.GetLinksAsync(s.Connection, SyncedTables.Product.Name,
            lines.SelectMany(l => l).Select(l => l.ProductId).OfType<Guid>().Distinct().ToList(), ct);
        return new OrderBatch(ids, orders)
        {
            Lines = lines,
            CustomerAccounts = accounts,
            CustomerIndividuals = individuals,
            CustomerProblems = problems,
            AccountLinks = accountLinks,
            IndividualLinks = individualLinks,
            ItemCodes = productLinks.Values.Where(l => l.XeroId is not null && l.XeroNumber is not null).ToDictionary(l => l.DynamicsId, l => l.XeroNumber!),
            Currencies = await s.Reader.GetCurrencyCodesAsync(orders.Values.Select(o => o.Row.CurrencyId).OfType<Guid>(), ct),
            Products = await MappedProductsAsync(lines, ct),
        };
    }

    /// <summary>The lines' products, read only when the mapping codes lines from product columns (docs/mappings.md).</summary>
    private async Task<IReadOnlyDictionary<Guid, System.Text.Json.Nodes.JsonObject>> MappedProductsAsync(ILookup<Guid, SalesOrderLineRow> lines, CancellationToken ct)
    {
        if (!s.Options.Mapping.ColumnsOf(SyncedTables.Product.Name).Any()) return new Dictionary<Guid, System.Text.Json.Nodes.JsonObject>();
        var ids = lines.SelectMany(l => l).Select(l => l.ProductId).OfType<Guid>().Distinct().ToList();
        return (await s.Reader.GetProductsAsync(ids, ct)).ToDictionary(kv => kv.Key, kv => kv.Value.Raw);
    }

    /// <summary>An order for a Dynamics contact goes to its parent account's Xero contact (docs/product-rules.md); one for a contact
    /// without an account, with Sync:StandaloneContacts, to the contact's own (docs/product-rules.md#p-individual-customers).</summary>
    private async Task<(Dictionary<Guid, Guid>, Dictionary<Guid, Guid>, Dictionary<Guid, string>)> CustomersAsync(
        IReadOnlyDictionary<Guid, Snapshot<SalesOrderRow>> orders, CancellationToken ct)
    {
        var contactTable = SyncedTables.Contact.Name;
        var contactIds = orders.Values.Select(o => o.Row.Customer).Where(r => r?.Table == contactTable).Select(r => r!.Value.Id).Distinct().ToList();
        var contacts = contactIds.Count == 0 ? new Dictionary<Guid, Snapshot<ContactRow>>() : await s.Reader.GetContactsAsync(contactIds, ct);
        var accounts = new Dictionary<Guid, Guid>();
        var individuals = new Dictionary<Guid, Guid>();
        var problems = new Dictionary<Guid, string>();
        foreach (var (id, order) in orders)
        {
            switch (order.Row.Customer)
            {
                case { } contact when contact.Table == contactTable && !contacts.ContainsKey(contact.Id):
                    problems[id] = "The order's customer contact no longer exists.";
                    break;
                case { } contact when contact.Table == contactTable:
                    if (contacts[contact.Id].Row.ParentAccountId is { } parent) accounts[id] = parent;
                    else if (s.Options.StandaloneContacts) individuals[id] = contact.Id;
                    else problems[id] = NoParentAccount;
                    break;
                case { } account:
                    accounts[id] = account.Id;
                    break;
            }
        }
        return (accounts, individuals, problems);
    }
}
