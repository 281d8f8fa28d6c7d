using System.Globalization;
using System.Text.Json.Nodes;
using D365Xero.IntegrationTests;
using D365Xero.Mapping;

namespace D365Xero.ReliabilityTests.Support;

/// <summary>
/// Compares what Xero holds with what Dynamics says it should hold, and the write-back on every
/// Dynamics row, record by record. Reads both sides over their public APIs only.
/// </summary>
public sealed class EndState
{
    public List<string> Missing { get; } = [];
    public List<string> Duplicates { get; } = [];
    public List<string> Wrong { get; } = [];
    public int Accounts { get; private set; }
    public int Products { get; private set; }
    public int Invoices { get; private set; }
    public int OrdersRefused { get; private set; }

    public bool IsExact => Missing.Count == 0 && Duplicates.Count == 0 && Wrong.Count == 0;

    public override string ToString() =>
        $"{Accounts} accounts, {Products} products, {Invoices} invoices, {OrdersRefused} orders refused with a reason; " +
        $"missing {Missing.Count}, duplicates {Duplicates.Count}, wrong {Wrong.Count}\n" +
        string.Join("\n", Missing.Concat(Duplicates).Concat(Wrong).Take(40));

    /// <param name="deletedAccounts">Accounts deleted in Dynamics after they reached Xero: their contact must be archived.</param>
    public static async Task<EndState> ReadAsync(Rig rig, IReadOnlyCollection<Guid>? deletedAccounts = null)
    {
        var state = new EndState();
        var d = rig.Dynamics;
        var accounts = await d.QueryAsync("accounts");
        var contacts = await d.QueryAsync("contacts");
        var products = await d.QueryAsync("products");
        var orders = await d.QueryAsync("salesorders");
        var lines = await d.QueryAsync("salesorderdetails");

        var xeroContacts = await rig.Xero.ContactsAsync();
        var xeroItems = (await rig.Xero.GetAsync("api.xro/2.0/Items")).Items("Items");
        var xeroInvoices = new List<JsonObject>();
        for (var page = 1; ; page++)
        {
            var batch = (await rig.Xero.GetAsync($"api.xro/2.0/Invoices?page={page}&pageSize=1000")).Items("Invoices");
            xeroInvoices.AddRange(batch);
            if (batch.Count < 1000) break;
        }

        // ---- No duplicates: each natural key once in Xero. --------------------------------------
        foreach (var g in xeroContacts.GroupBy(c => c.Text("ContactNumber")).Where(g => g.Key is not null && g.Count() > 1))
            state.Duplicates.Add($"ContactNumber {g.Key} is on {g.Count()} Xero contacts");
        foreach (var g in xeroItems.GroupBy(i => i.Text("Code")?.ToUpperInvariant()).Where(g => g.Count() > 1))
            state.Duplicates.Add($"Item code {g.Key} is on {g.Count()} items");
        foreach (var g in xeroInvoices.Where(i => i.Text("Type") == "ACCREC").GroupBy(i => i.Text("Reference")).Where(g => g.Key is not null && g.Count() > 1))
            state.Duplicates.Add($"Reference {g.Key} is on {g.Count()} invoices ({string.Join(", ", g.Select(i => i.Text("Status")))})");

        // ---- Accounts → contacts. ---------------------------------------------------------------
        var contactByNumber = xeroContacts.Where(c => c.Text("ContactNumber") is not null).GroupBy(c => c.Text("ContactNumber")!).ToDictionary(g => g.Key, g => g.First());
        var contactRows = contacts.ToDictionary(c => Id(c, "contactid"));
        var contactIdOfAccount = new Dictionary<Guid, string>();
        foreach (var account in accounts)
        {
            state.Accounts++;
            var id = Id(account, "accountid");
            var label = $"account {id} '{account.Text("name")}'";
            if (!contactByNumber.TryGetValue(ContactMapper.ContactNumberOf(id), out var xero))
            {
                state.Missing.Add($"{label} has no Xero contact");
                continue;
            }
            contactIdOfAccount[id] = xero.Text("ContactID")!;
            var name = XeroText.Clean(account.Text("name"));
            var xeroName = xero.Text("Name") ?? "";
            if (xeroName != name && !xeroName.StartsWith(name + " ", StringComparison.Ordinal))
                state.Wrong.Add($"{label}: Xero name '{xeroName}'");
            Same(state, label, "AccountNumber", NullIfEmpty(XeroText.Clean(account.Text("accountnumber"))), xero.Text("AccountNumber"));
            Same(state, label, "ContactStatus", Number(account, "statecode") == 0 ? "ACTIVE" : "ARCHIVED", xero.Text("ContactStatus"));
            var primary = Lookup(account, "primarycontactid") is { } p && contactRows.TryGetValue(p, out var person) ? person : null;
            if (primary is not null) Same(state, label, "FirstName", NullIfEmpty(XeroText.Clean(primary.Text("firstname"))), xero.Text("FirstName"));
            var expectedEmail = primary is not null ? primary.Text("emailaddress1") : account.Text("emailaddress1");
            Same(state, label, "EmailAddress", expectedEmail, xero.Text("EmailAddress") is { Length: > 0 } e ? e : null);
            Same(state, label, "Phone", NullIfEmpty(XeroText.Clean(account.Text("telephone1"))), xero.PhoneNumber("DEFAULT") is { Length: > 0 } ph ? ph : null);
            Same(state, label, "xero_contactid", xero.Text("ContactID"), account.Text("xero_contactid"));
            Same(state, label, "xero_syncstatus", "Synced", account.Text("xero_syncstatus"));
        }
        foreach (var gone in deletedAccounts ?? [])
        {
            if (!contactByNumber.TryGetValue(ContactMapper.ContactNumberOf(gone), out var xero)) state.Missing.Add($"deleted account {gone} has no Xero contact");
            else Same(state, $"deleted account {gone}", "ContactStatus", "ARCHIVED", xero.Text("ContactStatus"));
        }
        var expectedContacts = accounts.Count + (deletedAccounts?.Count ?? 0);
        if (xeroContacts.Count != expectedContacts) state.Duplicates.Add($"Xero holds {xeroContacts.Count} contacts; Dynamics accounts (live and deleted) are {expectedContacts}");

        // People: every contact of an account says Synced or Skipped (more than Xero's five), never Error or nothing.
        foreach (var contact in contacts.Where(c => Lookup(c, "parentcustomerid") is { } parent && contactIdOfAccount.ContainsKey(parent)))
        {
            var status = contact.Text("xero_syncstatus");
            if (status is not ("Synced" or "Skipped")) state.Wrong.Add($"contact {Id(contact, "contactid")}: xero_syncstatus {status ?? "(none)"}");
        }

        // ---- Products → items. ------------------------------------------------------------------
        var itemByCode = xeroItems.Where(i => i.Text("Code") is not null).GroupBy(i => i.Text("Code")!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        foreach (var product in products.Where(p => Number(p, "statecode") is 0 or 1))
        {
            state.Products++;
            var label = $"product {product.Text("productnumber")}";
            if (!itemByCode.TryGetValue(XeroText.Clean(product.Text("productnumber")), out var item))
            {
                state.Missing.Add($"{label} has no Xero item");
                continue;
            }
            Same(state, label, "Name", XeroText.Fit(product.Text("name"), ItemMapper.MaxName, "Name", []), item.Text("Name"));
            Same(state, label, "UnitPrice", Money(product["price"]), Money(item["SalesDetails"]?["UnitPrice"]));
            Same(state, label, "xero_itemid", item.Text("ItemID"), product.Text("xero_itemid"));
            Same(state, label, "xero_syncstatus", "Synced", product.Text("xero_syncstatus"));
        }

        // ---- Orders → invoices. -----------------------------------------------------------------
        var invoiceByReference = xeroInvoices.Where(i => i.Text("Reference") is not null).GroupBy(i => i.Text("Reference")!).ToDictionary(g => g.Key, g => g.First());
        var linesOf = lines.ToLookup(l => Lookup(l, "salesorderid"));
        foreach (var order in orders)
        {
            var id = Id(order, "salesorderid");
            var label = $"order {order.Text("ordernumber")}";
            Guid? account = null;
            if (Lookup(order, "customerid") is { } customer)
            {
                var isContact = order.Text("_customerid_value@Microsoft.Dynamics.CRM.lookuplogicalname") == "contact";
                account = isContact ? (contactRows.TryGetValue(customer, out var c) ? Lookup(c, "parentcustomerid") : null) : customer;
            }
            // An inactive account's Xero contact is archived, and Xero takes no new invoice for it.
            var archived = account is { } a && accounts.FirstOrDefault(x => Id(x, "accountid") == a) is { } row && Number(row, "statecode") != 0;
            if (account is null || archived)
            {
                // A customer with no Xero contact: the order says why on its row and reaches no invoice.
                state.OrdersRefused++;
                if (order.Text("xero_syncstatus") != "Error" || string.IsNullOrWhiteSpace(order.Text("xero_syncerror")))
                    state.Wrong.Add($"{label}: customer without an active account, yet status {order.Text("xero_syncstatus")} / '{order.Text("xero_syncerror")}'");
                if (invoiceByReference.ContainsKey(order.Text("ordernumber")!)) state.Wrong.Add($"{label}: has an invoice though its customer has no Xero contact");
                continue;
            }
            state.Invoices++;
            if (!invoiceByReference.TryGetValue(order.Text("ordernumber")!, out var invoice))
            {
                state.Missing.Add($"{label} has no Xero invoice (row says {order.Text("xero_syncstatus")}: {order.Text("xero_syncerror")})");
                continue;
            }
            Same(state, label, "Contact", contactIdOfAccount.GetValueOrDefault(account.Value), invoice["Contact"]?["ContactID"]?.GetValue<string>());
            var expectedLines = linesOf[id].ToList();
            var xeroLines = invoice.Items("LineItems");
            foreach (var line in expectedLines)
            {
                var quantity = Money(line["quantity"]);
                var unit = Money(line["priceperunit"]);
                if (!xeroLines.Any(x => Money(x["Quantity"]) == quantity && Money(x["UnitAmount"]) == unit))
                    state.Wrong.Add($"{label}: no Xero line with quantity {quantity} at {unit}");
            }
            if (xeroLines.Count < expectedLines.Count) state.Wrong.Add($"{label}: {xeroLines.Count} Xero lines for {expectedLines.Count} order lines");
            Same(state, label, "xero_invoiceid", invoice.Text("InvoiceID"), order.Text("xero_invoiceid"));
            Same(state, label, "xero_invoicenumber", invoice.Text("InvoiceNumber"), order.Text("xero_invoicenumber"));
            Same(state, label, "xero_syncstatus", "Synced", order.Text("xero_syncstatus"));
        }
        return state;
    }

    private static void Same(EndState state, string label, string field, string? expected, string? actual)
    {
        if (!string.Equals(expected, actual, StringComparison.Ordinal)) state.Wrong.Add($"{label}: {field} is '{actual}', Dynamics says '{expected}'");
    }

    private static Guid Id(JsonObject row, string column) => Guid.Parse(row.Text(column)!);

    private static Guid? Lookup(JsonObject row, string column) => Guid.TryParse(row.Text($"_{column}_value"), out var id) ? id : null;

    private static int? Number(JsonObject row, string column) => row[column] is JsonValue v && v.TryGetValue<int>(out var n) ? n : null;

    private static string? Money(JsonNode? node) => node is JsonValue v && v.TryGetValue<decimal>(out var m) ? m.ToString("0.00##", CultureInfo.InvariantCulture) : null;

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
