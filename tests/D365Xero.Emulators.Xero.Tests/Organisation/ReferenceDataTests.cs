using System.Net;
using D365Xero.Emulators.Xero.Tests.Support;

namespace D365Xero.Emulators.Xero.Tests.Organisation;

public sealed class ReferenceDataTests
{
    [Fact]
    public async Task Organisation_accounts_tax_rates_and_currencies_exist_even_unseeded()
    {
        await using var host = await XeroTestHost.StartAsync();

        var org = (await host.Get("/api.xro/2.0/Organisation")).Body!["Organisations"]![0]!;
        var accounts = (await host.Get("/api.xro/2.0/Accounts")).Body!["Accounts"]!.AsArray();
        var taxRates = (await host.Get("/api.xro/2.0/TaxRates")).Body!["TaxRates"]!.AsArray();
        var currencies = (await host.Get("/api.xro/2.0/Currencies")).Body!["Currencies"]!.AsArray();

        Assert.Equal("Demo Company (Global)", org["Name"]!.GetValue<string>());
        Assert.Equal("USD", org["BaseCurrency"]!.GetValue<string>());
        Assert.Equal(host.Emulator.TenantId, org["OrganisationID"]!.GetValue<string>());
        foreach (var code in new[] { "200", "260", "310", "400", "610", "630" })
            Assert.Contains(code, accounts.Select(a => a!["Code"]!.GetValue<string>()));
        Assert.Equal("OUTPUT", accounts.Single(a => a!["Code"]!.GetValue<string>() == "200")!["TaxType"]!.GetValue<string>());
        Assert.Equal(10m, taxRates.Single(t => t!["TaxType"]!.GetValue<string>() == "OUTPUT")!["EffectiveRate"]!.GetValue<decimal>());
        Assert.Equal(["EUR", "USD"], currencies.Select(c => c!["Code"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Put_currencies_enables_one_more_currency_for_invoices()
    {
        await using var host = await XeroTestHost.StartAsync();
        var invoice = new { Type = "ACCREC", CurrencyCode = "GBP", Contact = new { Name = "Brit" }, LineItems = new[] { new { Description = "x", Quantity = 1.0, UnitAmount = 1.0 } } };

        var before = await host.Put("/api.xro/2.0/Invoices", new { Invoices = new[] { invoice } });
        var enabled = await host.Put("/api.xro/2.0/Currencies", new { Code = "GBP" });
        var after = await host.Put("/api.xro/2.0/Invoices", new { Invoices = new[] { invoice } });

        Assert.Equal(["Organisation is not subscribed to currency GBP"], before.Messages());
        Assert.Equal(HttpStatusCode.OK, enabled.Status);
        Assert.Equal(HttpStatusCode.OK, after.Status);
    }
}
