using D365Xero.Mapping;
using D365Xero.Target.Xero.Model;

namespace D365Xero.Tests.Mapping;

/// <summary>
/// The fingerprints stored on every link must not move when the code that computes them changes (a faster serializer, a new
/// resolver): a moved fingerprint makes every row look changed, and the next sync re-sends every account and product to Xero,
/// on Starter a day's budget or more. These values are what the shipped code computes (System.Text.Json by reflection); a
/// source-generated serializer, tried in session 8, gave the same bytes.
/// </summary>
public sealed class PayloadHashTests
{
    private static readonly XeroContact Contact = new()
    {
        ContactNumber = "D365-0f8fad5bd9cb469fa16570867728950e",
        AccountNumber = "ACC-1",
        Name = "Contoso Pharmaceuticals (sample)",
        FirstName = "Rene",
        LastName = "Valdes",
        EmailAddress = "someone@example.com",
        DefaultCurrency = "NZD",
        TaxNumber = "12-345-678",
        AccountsReceivableTaxType = "OUTPUT2",
        PaymentTerms = new XeroPaymentTerms { Sales = new XeroPaymentTerm { Day = 20, Type = "DAYSAFTERBILLDATE" } },
        ContactPersons = [new XeroContactPerson { FirstName = "Ana", LastName = "Ng", EmailAddress = "ana@example.com", IncludeInEmails = true }],
        ContactGroupName = "Wholesale",
        Addresses = [new XeroAddress { AddressType = "POBOX", AddressLine1 = "1 Main St", City = "Wellington", PostalCode = "6011", Country = "New Zealand" }],
        Phones = [new XeroPhone { PhoneType = "DEFAULT", PhoneNumber = "+64 4 555 0100" }],
    };

    private static readonly XeroItem Item = new()
    {
        Code = "WIDGET-1",
        Name = "Widget",
        Description = "A widget, 10 cm",
        IsSold = true,
        SalesDetails = new XeroItemDetails { UnitPrice = 25.50m, AccountCode = "200", TaxType = "OUTPUT2" },
        IsPurchased = false,
    };

    [Fact]
    public void A_contact_payload_keeps_its_fingerprint() => Assert.Equal("a888ff57b48af221cd4319170503682b", PayloadHash.Of(Contact));

    [Fact]
    public void An_item_payload_keeps_its_fingerprint() => Assert.Equal("b51926cb181fa67c27da493cdf8d0457", PayloadHash.Of(Item));

    [Fact]
    public void An_anonymous_payload_keeps_its_fingerprint() =>
        Assert.Equal("3f9402a1a11fe6d9cfd21fed92964dee", PayloadHash.Of(new { Invoice = "abc", Lines = new[] { "l1", "l2" }, Theme = (string?)null }));
}
