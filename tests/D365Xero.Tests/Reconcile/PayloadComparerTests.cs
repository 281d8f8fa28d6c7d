using D365Xero.Reconcile;
using D365Xero.Target.Xero.Model;

namespace D365Xero.Tests.Reconcile;

/// <summary>Only what the connector sends is compared, and an empty value is the same as none.</summary>
public sealed class PayloadComparerTests
{
    private static readonly XeroContact Sent = new()
    {
        Name = "Coho Winery", ContactStatus = "ACTIVE", AccountNumber = "", FirstName = "Kim", LastName = "Vine", EmailAddress = "",
        ContactPersons = [new XeroContactPerson { FirstName = "Pat", LastName = "Vine", EmailAddress = "pat@coho.example" }],
        Phones = [new XeroPhone { PhoneType = "DEFAULT", PhoneNumber = "+1 555 0100" }, new XeroPhone { PhoneType = "FAX", PhoneNumber = "" }],
        Addresses = [new XeroAddress { AddressType = "POBOX", City = "Napa", AddressLine1 = "" }],
    };

    [Fact]
    public void What_xero_holds_as_sent_with_empty_fields_left_out_and_fields_we_never_send_differs_in_nothing()
    {
        var held = Sent with
        {
            AccountNumber = null, EmailAddress = null, DefaultCurrency = "NZD", ContactID = Guid.NewGuid(),
            Phones = [new XeroPhone { PhoneType = "DEFAULT", PhoneNumber = "+1 555 0100" }, new XeroPhone { PhoneType = "MOBILE", PhoneNumber = "021 555" }],
            Addresses = [new XeroAddress { AddressType = "POBOX", City = "Napa" }, new XeroAddress { AddressType = "STREET", City = "Elsewhere" }],
        };

        Assert.Empty(PayloadComparer.Contacts(Sent, held));
    }

    [Fact]
    public void Each_field_edited_in_xero_is_named_with_both_values()
    {
        var held = Sent with
        {
            Name = "Coho Winery Ltd", ContactStatus = "ARCHIVED",
            ContactPersons = [],
            Phones = [new XeroPhone { PhoneType = "FAX", PhoneNumber = "+1 555 0199" }],
            Addresses = [new XeroAddress { AddressType = "POBOX", City = "napa" }],
        };

        Assert.Equal(
        [
            new FieldDifference("Name", "Coho Winery", "Coho Winery Ltd"),
            new FieldDifference("ContactStatus", "ACTIVE", "ARCHIVED"),
            new FieldDifference("Phones[DEFAULT].PhoneNumber", "+1 555 0100", ""),
            new FieldDifference("Phones[FAX].PhoneNumber", "", "+1 555 0199"),
            new FieldDifference("Addresses[POBOX].City", "Napa", "napa"),
            new FieldDifference("ContactPersons", "Pat Vine <pat@coho.example>", ""),
        ], PayloadComparer.Contacts(Sent, held));
    }

    [Fact]
    public void An_item_compares_its_price_as_an_amount_and_its_coding_only_when_sent()
    {
        var sent = new XeroItem { Code = "BIKE-1", Name = "Bike", Description = "", IsSold = true, SalesDetails = new XeroItemDetails { UnitPrice = 10.5m, AccountCode = "200" } };
        var same = sent with { Description = null, SalesDetails = new XeroItemDetails { UnitPrice = 10.50m, AccountCode = "200", TaxType = "OUTPUT2" } };
        var edited = same with { SalesDetails = same.SalesDetails! with { UnitPrice = 12m, AccountCode = "260" } };

        Assert.Empty(PayloadComparer.Items(sent, same));
        Assert.Equal(
            [new FieldDifference("SalesDetails.UnitPrice", "10.50", "12.00"), new FieldDifference("SalesDetails.AccountCode", "200", "260")],
            PayloadComparer.Items(sent, edited));
    }
}
