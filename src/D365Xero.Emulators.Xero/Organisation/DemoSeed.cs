using D365Xero.Emulators.Xero.Contacts;
using D365Xero.Emulators.Xero.Items;

namespace D365Xero.Emulators.Xero.Organisation;

/// <summary>
/// Records a Dynamics demo company will meet on its first sync: a customer to match by name, one to
/// match by account number, an archived one, and an item whose code a product already uses.
/// </summary>
internal static class DemoSeed
{
    public static void Plant(XeroOrganisation org, DateTimeOffset now)
    {
        org.Contacts.Seed(new Contact { Name = "Fabrikam, Inc." }, now);
        org.Contacts.Seed(new Contact { Name = "Contoso Pharmaceuticals", AccountNumber = "CONT-0002" }, now);
        org.Contacts.Seed(new Contact { Name = "Old Customer Ltd", ContactStatus = "ARCHIVED" }, now);
        org.Items.Seed(new Item
        {
            Code = "BIKE-0001",
            Name = "Mountain Bike",
            Description = "Mountain Bike",
            SalesDetails = new ItemPriceDetails { UnitPrice = 499.00m, AccountCode = "200", TaxType = "NONE" },
        }, now);
    }
}
