using D365Xero.Emulators.Xero.Contacts;
using D365Xero.Emulators.Xero.Items;

namespace D365Xero.Emulators.Xero.Organisation;

/// <summary>
/// Records a Dynamics demo company will meet on its first sync: a customer to match by name, one to
/// match by account number, an archived one, an item whose code a product already uses, and an archived
/// sales account (205) and tracking option (Region: South), as books that have lived a while have.
/// </summary>
internal static class DemoSeed
{
    public static void Plant(XeroOrganisation org, DateTimeOffset now)
    {
        org.Settings.ReplaceAccount(org.Settings.AccountByCode("205")! with { Status = "ARCHIVED" });
        org.Settings.SetOptionStatus("Region", "South", "ARCHIVED");
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
