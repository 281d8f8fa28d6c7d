using System.Globalization;
using System.Text.Json.Nodes;

namespace D365Xero.Bench.Baseline;

/// <summary>
/// The per-record back-fill, as a scheduled Logic App does it: list each table, then for every row read it,
/// send it to Xero as one element, and write the Xero id back; accounts, then products, then orders. It maps
/// less than the connector (no matching, no currencies, at most five people, no status columns), which only
/// flatters its CPU. At the target size it would take too long even compressed (one call per row at 60 a
/// compressed minute), so it runs at <c>measuredAccounts</c> and its totals are scaled linearly: each row costs
/// the same calls whatever the size, so calls, Dataverse calls and elapsed time grow with the rows.
/// </summary>
public static class BaselineBackfill
{
    /// <summary>One measurement per size and Xero minute: a scenario with another minute paces differently.</summary>
    private static readonly Dictionary<(int Accounts, TimeSpan Minute), ScenarioFigures> Measured = [];

    public static async Task<ScenarioFigures> RunAsync(int measuredAccounts, int targetAccounts, Action<string> log, CancellationToken ct)
    {
        var key = (measuredAccounts, EmulatorProcess.MinuteWindow);
        if (!Measured.TryGetValue(key, out var m))
        {
            Measured[key] = m = await MeasureAsync(measuredAccounts, log, ct);
        }
        var f = (double)targetAccounts / measuredAccounts;
        var (products, orders) = SeedShape.Of(targetAccounts);
        return m with
        {
            Rows = (long)Math.Round(m.Rows * f),
            FailedRows = (long)Math.Round(m.FailedRows * f),
            XeroCalls = (long)Math.Round(m.XeroCalls * f),
            LowerBoundCalls = (targetAccounts + 49) / 50 + (products + 49) / 50 + (orders + 49) / 50,
            Http429 = (long)Math.Round(m.Http429 * f),
            DataverseCalls = (long)Math.Round(m.DataverseCalls * f),
            Elapsed = m.Elapsed * f,
            Note = f == 1 ? m.Note : $"measured at {measuredAccounts:N0} accounts and scaled ×{f:0.##} (rows, calls, 429s, elapsed); CPU/row, budget share and memory as measured. {m.Note}",
        };
    }

    private static async Task<ScenarioFigures> MeasureAsync(int accounts, Action<string> log, CancellationToken ct)
    {
        log($"baseline back-fill: seeding {accounts:N0} accounts in the emulator process…");
        await using var emulators = await EmulatorProcess.StartAsync(accounts, xeroDayLimit: 5000, ct);
        using var stats = new EmulatorStats(emulators.DataverseUrl, emulators.XeroUrl);
        await using (var setup = await ConnectorSetup.OpenAsync(emulators, ct)) await setup.ProvisionAsync(ct); // The xero_* columns it writes.
        await stats.ResetAsync(ct);

        log("baseline back-fill: running…");
        using var client = new PerRecordClient(emulators.DataverseUrl, emulators.XeroUrl);
        await using var meter = ResourceMeter.Start();
        var run = new Run(client);
        await run.AccountsAsync(ct);
        await run.ProductsAsync(ct);
        await run.OrdersAsync(ct);
        await meter.StopAsync();
        var counts = await stats.ReadAsync(ct);
        log($"  baseline: {run.Synced} synced, {run.Failed} failed in {meter.Elapsed.TotalSeconds:F1} s; Xero {counts.XeroByOperation.ToJsonString()}");
        return new ScenarioFigures
        {
            Rows = run.Synced,
            FailedRows = run.Failed,
            XeroCalls = counts.XeroCalls,
            MinuteBudgetUsed = EmulatorProcess.BudgetShare(counts.XeroCalls, meter.Elapsed),
            Http429 = counts.Xero429,
            DataverseCalls = counts.DataverseCalls,
            CpuMsPerRow = meter.Cpu.TotalMilliseconds / Math.Max(1, run.Synced + run.Failed),
            PeakMemoryMb = meter.PeakMemoryMb,
            Elapsed = meter.Elapsed,
            Note = $"Dataverse 429s {counts.Dataverse429}",
        };
    }

    /// <summary>One pass over the three tables, remembering the Xero ids invoices need.</summary>
    internal sealed class Run(PerRecordClient client)
    {
        private readonly Dictionary<Guid, string> _contactIds = [];
        private readonly Dictionary<Guid, string> _itemCodes = [];

        public long Synced { get; private set; }
        public long Failed { get; private set; }

        public async Task AccountsAsync(CancellationToken ct)
        {
            foreach (var id in await client.ListIdsAsync("accounts", "accountid", ct))
            {
                var contact = await client.XeroPostOneAsync("Contacts", await ReadContactAsync(client, id, ct), ct);
                if (contact?["ContactID"]?.GetValue<string>() is not { } contactId)
                {
                    Failed++;
                    continue;
                }
                _contactIds[id] = contactId;
                await client.DataversePatchAsync($"accounts({id})", new JsonObject { ["xero_contactid"] = contactId }, ct);
                Synced++;
            }
        }

        /// <summary>The account as it is now, with its people, as the one Xero contact it becomes (one Dataverse read).</summary>
        public static async Task<JsonObject> ReadContactAsync(PerRecordClient client, Guid id, CancellationToken ct) =>
            ContactOf(id, await client.DataverseGetAsync(
                $"accounts({id})?$select=name,accountnumber,emailaddress1,telephone1,websiteurl,address1_line1,address1_city,address1_postalcode,address1_country"
                + "&$expand=contact_customer_accounts($select=firstname,lastname,emailaddress1)", ct));

        public static JsonObject ContactOf(Guid id, JsonObject row)
        {
            var persons = new JsonArray();
            foreach (var p in row["contact_customer_accounts"]?.AsArray().Take(5) ?? [])
            {
                persons.Add(new JsonObject { ["FirstName"] = p!["firstname"]?.DeepClone(), ["LastName"] = p["lastname"]?.DeepClone(), ["EmailAddress"] = p["emailaddress1"]?.DeepClone() });
            }
            return new JsonObject
            {
                ["Name"] = row["name"]?.DeepClone(),
                ["ContactNumber"] = "D365-" + id.ToString("N"),
                ["AccountNumber"] = row["accountnumber"]?.DeepClone(),
                ["EmailAddress"] = row["emailaddress1"]?.DeepClone(),
                ["Website"] = row["websiteurl"]?.DeepClone(),
                ["Phones"] = new JsonArray(new JsonObject { ["PhoneType"] = "DEFAULT", ["PhoneNumber"] = row["telephone1"]?.DeepClone() }),
                ["Addresses"] = new JsonArray(new JsonObject
                {
                    ["AddressType"] = "POBOX", ["AddressLine1"] = row["address1_line1"]?.DeepClone(), ["City"] = row["address1_city"]?.DeepClone(),
                    ["PostalCode"] = row["address1_postalcode"]?.DeepClone(), ["Country"] = row["address1_country"]?.DeepClone(),
                }),
                ["ContactPersons"] = persons,
            };
        }

        public async Task ProductsAsync(CancellationToken ct)
        {
            foreach (var id in await client.ListIdsAsync("products", "productid", ct))
            {
                var row = await client.DataverseGetAsync($"products({id})?$select=productnumber,name,description,price", ct);
                var code = row["productnumber"]!.GetValue<string>();
                var name = row["name"]!.GetValue<string>();
                var item = await client.XeroPostOneAsync("Items", new JsonObject
                {
                    ["Code"] = code,
                    ["Name"] = name.Length > 50 ? name[..50] : name,
                    ["Description"] = row["description"]?.DeepClone(),
                    ["SalesDetails"] = new JsonObject { ["UnitPrice"] = row["price"]?.DeepClone(), ["AccountCode"] = "200" },
                }, ct);
                if (item?["ItemID"]?.GetValue<string>() is not { } itemId)
                {
                    Failed++;
                    continue;
                }
                _itemCodes[id] = code;
                await client.DataversePatchAsync($"products({id})", new JsonObject { ["xero_itemid"] = itemId }, ct);
                Synced++;
            }
        }

        public async Task OrdersAsync(CancellationToken ct)
        {
            var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var due = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            foreach (var id in await client.ListIdsAsync("salesorders", "salesorderid", ct))
            {
                var row = await client.DataverseGetAsync(
                    $"salesorders({id})?$select=ordernumber,_customerid_value&$expand=order_details($select=_productid_value,productdescription,quantity,priceperunit)", ct);
                var customer = Guid.Parse(row["_customerid_value"]!.GetValue<string>());
                if (row["_customerid_value@Microsoft.Dynamics.CRM.lookuplogicalname"]?.GetValue<string>() == "contact")
                {
                    // A contact customer: its parent account is the Xero contact (one more read, as the Logic App would).
                    var person = await client.DataverseGetAsync($"contacts({customer})?$select=_parentcustomerid_value", ct);
                    customer = person["_parentcustomerid_value"]?.GetValue<string>() is { } parent ? Guid.Parse(parent) : Guid.Empty;
                }
                if (!_contactIds.TryGetValue(customer, out var contactId))
                {
                    Failed++; // Its customer never reached Xero; a Logic App run fails here too.
                    continue;
                }
                var lines = new JsonArray();
                foreach (var line in row["order_details"]!.AsArray())
                {
                    var product = line!["_productid_value"]?.GetValue<string>() is { } p ? Guid.Parse(p) : (Guid?)null;
                    var l = new JsonObject
                    {
                        ["Description"] = line["productdescription"]?.GetValue<string>() ?? "Product",
                        ["Quantity"] = line["quantity"]?.DeepClone(),
                        ["UnitAmount"] = line["priceperunit"]?.DeepClone(),
                        ["AccountCode"] = "200",
                    };
                    if (product is { } pid && _itemCodes.TryGetValue(pid, out var code)) l["ItemCode"] = code;
                    lines.Add(l);
                }
                var invoice = await client.XeroPostOneAsync("Invoices", new JsonObject
                {
                    ["Type"] = "ACCREC", ["Contact"] = new JsonObject { ["ContactID"] = contactId }, ["Reference"] = row["ordernumber"]?.DeepClone(),
                    ["Date"] = today, ["DueDate"] = due, ["LineAmountTypes"] = "Exclusive", ["Status"] = "DRAFT", ["LineItems"] = lines,
                }, ct);
                if (invoice?["InvoiceID"]?.GetValue<string>() is not { } invoiceId)
                {
                    Failed++;
                    continue;
                }
                await client.DataversePatchAsync($"salesorders({id})", new JsonObject { ["xero_invoiceid"] = invoiceId }, ct);
                Synced++;
            }
        }

        /// <summary>For the stream's set-up: accounts only.</summary>
        public IReadOnlyDictionary<Guid, string> ContactIds => _contactIds;
    }
}
