using System.Text.Json.Nodes;
using D365Xero.Hosting;
using D365Xero.IntegrationTests;
using D365Xero.ReliabilityTests.Support;
using Xunit.Abstractions;

namespace D365Xero.ReliabilityTests;

/// <summary>
/// Issue 7.5: a corpus of hostile and awkward Dynamics rows. Each one either syncs, cleaned by a
/// documented rule (XeroText, ItemMapper, InvoiceMapper), or carries a plain reason on its own row;
/// the connector never stops, and every ordinary row beside them syncs.
/// </summary>
public sealed class HostileInputTests(ITestOutputHelper output)
{
    private sealed record Case(string Set, string Table, Guid Id, string Label, Expect Expect);

    private enum Expect { Synced, Refused, Either, Waits }

    [Fact]
    public async Task Every_hostile_row_syncs_cleaned_or_says_why_and_every_other_row_syncs()
    {
        await using var rig = await Rig.StartAsync();
        await rig.ProvisionAsync();
        var d = rig.Dynamics;
        var cases = new List<Case>();
        async Task<Guid> Add(string set, string table, string label, Expect expect, JsonObject body)
        {
            var id = await d.CreateAsync(set, body);
            cases.Add(new Case(set, table, id, label, expect));
            return id;
        }
        Task<Guid> Account(string label, Expect expect, JsonObject body) => Add("accounts", "account", label, expect, body);

        await Account("empty name", Expect.Refused, new JsonObject { ["name"] = "" });
        await Account("white-space name", Expect.Refused, new JsonObject { ["name"] = " \t \u00A0 " });
        // Dynamics itself caps account names at 160, under Xero's 255: the longest it allows goes whole.
        var longName = await Account("name of 160 characters (Dynamics' maximum)", Expect.Synced, new JsonObject { ["name"] = new string('L', 160) });
        var angle = await Account("angle brackets", Expect.Synced, new JsonObject { ["name"] = "<script>alert(1)</script> Ltd" });
        await Account("quotes", Expect.Synced, new JsonObject { ["name"] = "The \"Best\" 'Quoted' Co" });
        var obrien = await Account("O'Brien & Sons", Expect.Synced, new JsonObject { ["name"] = "O'Brien & Sons Hostile" });
        await Account("plus and operators", Expect.Synced, new JsonObject { ["name"] = "A+B == C && D || E%20" });
        var control = await Account("control characters", Expect.Synced, new JsonObject { ["name"] = "Ctrl\u0001\u0007\u001B Name\r\nCo" });
        await Account("right-to-left", Expect.Synced, new JsonObject { ["name"] = "شركة الاختبار \u202Eevil" });
        var emoji = await Account("emoji", Expect.Synced, new JsonObject { ["name"] = "Rocket 🚀 Ltd 👩‍💻" });
        await Account("invalid e-mail", Expect.Synced, new JsonObject { ["name"] = "Bad Mail Ltd", ["emailaddress1"] = "not an e-mail@@" });
        await Account("non-ASCII e-mail", Expect.Synced, new JsonObject { ["name"] = "Umlaut Mail GmbH", ["emailaddress1"] = "jürgen@müller.de" });

        // Circular primary contacts: each account's primary person belongs to the other account.
        var circleA = await Account("circular primary A", Expect.Synced, new JsonObject { ["name"] = "Circle A" });
        var circleB = await Account("circular primary B", Expect.Synced, new JsonObject { ["name"] = "Circle B" });
        var personOfB = await d.CreateAsync("contacts", new JsonObject { ["firstname"] = "Bea", ["lastname"] = "OfB", ["parentcustomerid_account@odata.bind"] = $"/accounts({circleB})" });
        var personOfA = await d.CreateAsync("contacts", new JsonObject { ["firstname"] = "Al", ["lastname"] = "OfA", ["parentcustomerid_account@odata.bind"] = $"/accounts({circleA})" });
        await d.UpdateAsync("accounts", circleA, new JsonObject { ["primarycontactid@odata.bind"] = $"/contacts({personOfB})" });
        await d.UpdateAsync("accounts", circleB, new JsonObject { ["primarycontactid@odata.bind"] = $"/contacts({personOfA})" });

        Task<Guid> Product(string label, Expect expect, JsonObject body) => Add("products", "product", label, expect, body);
        var good = await Product("ordinary product", Expect.Synced, new JsonObject { ["productnumber"] = "GOOD-1", ["name"] = "Good", ["price"] = 10m });
        await Product("product number of 31 characters", Expect.Refused, new JsonObject { ["productnumber"] = new string('P', 31), ["name"] = "Too long code", ["price"] = 1m });
        await Product("product number of 30 characters", Expect.Synced, new JsonObject { ["productnumber"] = new string('Q', 30), ["name"] = "Longest code", ["price"] = 1m });
        await Product("no product number", Expect.Refused, new JsonObject { ["name"] = "No number", ["price"] = 1m });
        await Product("null price", Expect.Synced, new JsonObject { ["productnumber"] = "NOPRICE-1", ["name"] = "No price" });
        await Product("name of 100 characters (Dynamics' maximum, over Xero's 50)", Expect.Synced, new JsonObject { ["productnumber"] = "LONGNAME-1", ["name"] = new string('N', 100), ["price"] = 2m });
        await Product("markup in number and name", Expect.Synced, new JsonObject { ["productnumber"] = "A&B<1>'\"", ["name"] = "<b>Bold</b> & \"co\"", ["price"] = 3m });
        var doomed = await Product("product deleted after an order used it", Expect.Either, new JsonObject { ["productnumber"] = "DOOMED-1", ["name"] = "Doomed", ["price"] = 4m });

        var customer = await Account("ordinary customer", Expect.Synced, new JsonObject { ["name"] = "Plain Customer" });
        var currency = Guid.Parse((await d.QueryAsync("transactioncurrencies?$select=transactioncurrencyid&$filter=isocurrencycode eq 'USD'")).Single().Text("transactioncurrencyid")!);
        var orderNumber = 0;
        async Task<Guid> Order(string label, Expect expect, bool withCurrency, params (Guid? Product, decimal? Quantity, decimal? Price)[] lines)
        {
            var body = new JsonObject { ["name"] = label, ["ordernumber"] = $"HOSTILE-{++orderNumber:D3}", ["customerid_account@odata.bind"] = $"/accounts({customer})" };
            if (withCurrency) body["transactioncurrencyid@odata.bind"] = $"/transactioncurrencies({currency})";
            var order = await Add("salesorders", "salesorder", label, expect, body);
            foreach (var (product, quantity, price) in lines)
            {
                var line = new JsonObject { ["salesorderid@odata.bind"] = $"/salesorders({order})", ["quantity"] = quantity, ["priceperunit"] = price };
                if (product is { } p) line["productid@odata.bind"] = $"/products({p})";
                else { line["isproductoverridden"] = true; line["productdescription"] = "Write-in <service> & \"care\""; }
                await d.CreateAsync("salesorderdetails", line);
            }
            return order;
        }
        await Order("ordinary order", Expect.Synced, true, (good, 2m, 10m), (null, 1m, 5m));
        // Dynamics saves an order before its lines: one without lines waits for them (Sync:EmptyOrderWait), saying so.
        await Order("order without lines", Expect.Waits, true);
        await Order("negative quantity", Expect.Refused, true, (good, -3m, 10m));
        await Order("zero quantity", Expect.Refused, true, (good, 0m, 10m));
        await Order("null price", Expect.Either, true, (good, 1m, null));
        await Order("missing currency", Expect.Either, false, (good, 1m, 10m));
        await Order("line for a deleted product", Expect.Either, true, (doomed, 1m, 4m));
        try
        {
            await d.DeleteAsync("products", doomed);
        }
        catch (HttpRequestException e)
        {
            output.WriteLine($"Dynamics itself refused to delete the product an order uses: {e.Message}");
        }

        // Twice: the second run handles the echoes and anything that waited for a dependency.
        var outcomes = (await SyncSession.RunAsync(await rig.OpenAsync(), false, default))
            .Concat(await SyncSession.RunAsync(await rig.OpenAsync(), false, default)).ToList();

        Assert.All(outcomes, o => Assert.Null(o.PausedReason));
        var problems = new List<string>();
        var synced = 0;
        var refused = 0;
        foreach (var c in cases)
        {
            JsonObject row;
            try { row = await d.GetAsync(c.Set, c.Id); }
            catch (HttpRequestException) { output.WriteLine($"{c.Label}: deleted in Dynamics"); continue; }
            var status = row.Text("xero_syncstatus");
            var reason = row.Text("xero_syncerror");
            output.WriteLine($"{c.Label,-45} {status,-8} {reason}");
            if (status == "Synced") synced++;
            else if (status is "Error" or "Skipped" && !string.IsNullOrWhiteSpace(reason)) refused++;
            else if (c.Expect == Expect.Waits && status == "Pending" && reason?.StartsWith("Waiting for its lines", StringComparison.Ordinal) == true) refused++;
            else problems.Add($"{c.Label}: status '{status}', reason '{reason}'");
            if (c.Expect == Expect.Synced && status != "Synced") problems.Add($"{c.Label}: expected to sync, is {status}: {reason}");
            if (c.Expect == Expect.Waits && status != "Pending") problems.Add($"{c.Label}: expected to wait for its lines, is {status}: {reason}");
            if (c.Expect == Expect.Refused && status == "Synced") problems.Add($"{c.Label}: expected a refusal with a reason, but synced");
        }
        output.WriteLine($"{cases.Count} hostile or awkward rows: {synced} synced (cleaned), {refused} refused with a reason on the row");
        Assert.Empty(problems);

        // The cleaning rules, as Xero received them.
        Assert.Equal("(script)alert(1)(/script) Ltd", (await rig.Xero.ContactOfAccountAsync(angle)).Text("Name"));
        Assert.Equal("O'Brien & Sons Hostile", (await rig.Xero.ContactOfAccountAsync(obrien)).Text("Name"));
        Assert.Equal("Ctrl Name Co", (await rig.Xero.ContactOfAccountAsync(control)).Text("Name"));
        Assert.Equal("Rocket 🚀 Ltd 👩‍💻", (await rig.Xero.ContactOfAccountAsync(emoji)).Text("Name"));
        Assert.Equal(160, (await rig.Xero.ContactOfAccountAsync(longName)).Text("Name")!.Length);
    }
}
