using System.Text.Json.Nodes;
using D365Xero.IntegrationTests;

namespace D365Xero.ReliabilityTests.Support;

/// <summary>
/// A Dynamics user at work between (and during) connector runs: renames, new accounts, price
/// changes, new orders, deletions. Seeded, so a failing run repeats.
/// </summary>
public sealed class LiveChanges(Rig rig, Random random)
{
    private readonly List<Guid> _accounts = [];
    private readonly List<Guid> _created = [];
    private readonly List<Guid> _products = [];
    private Guid _currency;
    private int _orders;

    /// <summary>Deleted accounts whose Xero contact existed when they were deleted: it must end ARCHIVED.</summary>
    public List<Guid> DeletedInXero { get; } = [];
    public int Changes { get; private set; }

    public async Task LoadAsync()
    {
        _accounts.AddRange((await rig.Dynamics.QueryAsync("accounts?$select=accountid")).Select(a => Guid.Parse(a.Text("accountid")!)));
        _products.AddRange((await rig.Dynamics.QueryAsync("products?$select=productid&$filter=statecode eq 0")).Select(p => Guid.Parse(p.Text("productid")!)));
        _currency = Guid.Parse((await rig.Dynamics.QueryAsync("transactioncurrencies?$select=transactioncurrencyid&$filter=isocurrencycode eq 'USD'")).Single().Text("transactioncurrencyid")!);
    }

    /// <summary>One round of edits; the connector must not be running (a deletion checks what Xero holds).</summary>
    public async Task ApplyAsync(int round)
    {
        for (var i = 0; i < 5; i++)
        {
            var id = _accounts[random.Next(_accounts.Count)];
            await rig.Dynamics.UpdateAsync("accounts", id, new JsonObject { ["name"] = $"Renamed {id.ToString("N")[..6]} r{round}", ["telephone1"] = $"+64 9 {random.Next(1000000, 9999999)}" });
            Changes++;
        }
        for (var i = 0; i < 4; i++)
        {
            var id = await rig.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = $"Live {round}-{i}", ["accountnumber"] = $"LIVE-{round:D3}-{i}", ["emailaddress1"] = $"live{round}x{i}@example.com" });
            _accounts.Add(id);
            _created.Add(id);
            Changes++;
        }
        for (var i = 0; i < 2; i++)
        {
            await rig.Dynamics.UpdateAsync("products", _products[random.Next(_products.Count)], new JsonObject { ["price"] = random.Next(100, 99999) / 100m });
            Changes++;
        }
        var customer = _created[random.Next(_created.Count)];
        _ordersFor.Add(customer);
        var order = await rig.Dynamics.CreateAsync("salesorders", new JsonObject
        {
            ["name"] = $"Live order {round}", ["ordernumber"] = $"LIVE-ORD-{++_orders:D4}",
            ["customerid_account@odata.bind"] = $"/accounts({customer})",
            ["transactioncurrencyid@odata.bind"] = $"/transactioncurrencies({_currency})",
        });
        for (var l = 0; l < 2; l++)
        {
            await rig.Dynamics.CreateAsync("salesorderdetails", new JsonObject
            {
                ["salesorderid@odata.bind"] = $"/salesorders({order})", ["productid@odata.bind"] = $"/products({_products[random.Next(_products.Count)]})",
                ["quantity"] = random.Next(1, 9), ["priceperunit"] = random.Next(100, 50000) / 100m,
                ["transactioncurrencyid@odata.bind"] = $"/transactioncurrencies({_currency})",
            });
        }
        Changes++;
        if (round % 4 == 3)
        {
            // Only accounts this class made: no orders or people hang off them.
            var victim = _created.Where(id => !_ordersFor.Contains(id)).Skip(random.Next(3)).First();
            var inXero = (await rig.Xero.ContactsAsync()).Any(c => c.Text("ContactNumber") == $"D365-{victim:N}");
            await rig.Dynamics.DeleteAsync("accounts", victim);
            _created.Remove(victim);
            _accounts.Remove(victim);
            if (inXero) DeletedInXero.Add(victim);
            Changes++;
        }
    }

    private readonly HashSet<Guid> _ordersFor = [];
}
