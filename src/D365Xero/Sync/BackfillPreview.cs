using D365Xero.Mapping;
using D365Xero.Source.Rows;

namespace D365Xero.Sync;

/// <summary>
/// `backfill --dry-run`: what the first full sync would create, match, skip or refuse, computed with
/// the same mappers and matching rules as the sync itself, reading Dynamics and Xero but writing
/// nothing anywhere. Orders are planned as if their customers and products had been sent first,
/// as they would be.
/// </summary>
public sealed class BackfillPreview(SyncConnection c)
{
    private const int Chunk = 50;

    public async Task<IReadOnlyList<PlannedChange>> PlanAsync(IProgress<string>? progress, CancellationToken ct)
    {
        var plan = new List<PlannedChange>();
        var accounts = new AccountSync(c);
        foreach (var chunk in (await IdsAsync("accounts", "accountid", ct)).Chunk(Chunk))
        {
            plan.AddRange(await accounts.PreviewAsync(chunk, ct));
            progress?.Report($"accounts: {plan.Count(p => p.Table == "account")}");
        }
        var failedAccounts = plan.Where(p => p is { Table: "account", Action: PlannedAction.Fail }).Select(p => p.DynamicsId).ToHashSet();

        var codes = new Dictionary<Guid, string>();
        var items = (await c.Xero.GetItemsAsync(cancellationToken: ct)).Where(i => i.Code is not null).Select(i => i.Code!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var chunk in (await IdsAsync("products", "productid", ct)).Chunk(Chunk))
        {
            foreach (var (id, product) in await c.Reader.GetProductsAsync(chunk, ct))
            {
                var mapping = ItemMapper.Map(product.Row, c.Options);
                var action = mapping.Decision switch
                {
                    MappingDecision.Send when items.Contains(mapping.Payload!.Code!) => PlannedAction.Match,
                    MappingDecision.Send => PlannedAction.Create,
                    MappingDecision.Skip => PlannedAction.Skip,
                    MappingDecision.Delete => PlannedAction.Nothing,
                    _ => PlannedAction.Fail,
                };
                if (mapping.Payload?.Code is { } code) codes[id] = code;
                plan.Add(new PlannedChange("product", id, product.Row.Name, action, mapping.Error ?? mapping.Reason ?? Warn(mapping.Warnings)));
            }
            progress?.Report($"products: {plan.Count(p => p.Table == "product")}");
        }

        var currencies = await c.Reader.GetCurrencyCodesAsync(ct);
        foreach (var chunk in (await IdsAsync("salesorders", "salesorderid", ct)).Chunk(Chunk))
        {
            var orders = await c.Reader.GetOrdersAsync(chunk, ct);
            var lines = (await c.Reader.GetLinesOfOrdersAsync(orders.Keys.ToList(), ct)).ToLookup(l => l.OrderId);
            var contactIds = orders.Values.Select(o => o.Row.Customer).Where(r => r is { Table: "contact" }).Select(r => r!.Value.Id).ToList();
            var contacts = contactIds.Count == 0 ? new Dictionary<Guid, Source.Snapshot<ContactRow>>() : await c.Reader.GetContactsAsync(contactIds, ct);
            foreach (var (id, order) in orders)
            {
                var account = order.Row.Customer switch
                {
                    { Table: "contact" } contact => contacts.GetValueOrDefault(contact.Id)?.Row.ParentAccountId,
                    { } a => a.Id,
                    null => null,
                };
                var context = new InvoiceContext
                {
                    // Stands for the customer's contact-to-be: the plan sends accounts before orders.
                    CustomerContactId = account is { } acc && !failedAccounts.Contains(acc) ? Guid.Empty : null,
                    ItemCodes = codes,
                    CurrencyCodes = currencies,
                    Options = c.Options,
                };
                var mapping = InvoiceMapper.Map(order.Row, lines[id].ToList(), context);
                var action = mapping.Decision switch
                {
                    MappingDecision.Send => PlannedAction.Create,
                    MappingDecision.Skip => PlannedAction.Skip,
                    MappingDecision.Wait when account is null => PlannedAction.Fail,
                    MappingDecision.Wait => PlannedAction.Wait,
                    _ => PlannedAction.Fail,
                };
                var detail = account is null && order.Row.Customer is { Table: "contact" }
                    ? "The order's customer is a contact without a parent account, so it has no Xero contact to invoice."
                    : mapping.Error ?? mapping.Reason ?? Warn(mapping.Warnings);
                plan.Add(new PlannedChange("salesorder", id, order.Row.OrderNumber, action, detail));
            }
            progress?.Report($"orders: {plan.Count(p => p.Table == "salesorder")}");
        }
        return plan;
    }

    private static string? Warn(IReadOnlyList<string> warnings) => warnings.Count == 0 ? null : string.Join(" ", warnings);

    private async Task<List<Guid>> IdsAsync(string entitySet, string key, CancellationToken ct)
    {
        var ids = new List<Guid>();
        await foreach (var row in c.Dataverse.QueryAsync($"{entitySet}?$select={key}", ct))
        {
            if (Guid.TryParse(row[key]?.GetValue<string>(), out var id)) ids.Add(id);
        }
        return ids;
    }
}
