using D365Xero.Emulators.Xero.Tests.Support;

namespace D365Xero.Emulators.Xero.Tests.OpenApi;

/// <summary>
/// The writes a connector typically sends, as the OpenAPI checks replay them: contacts with addresses, phones
/// and persons; a contact group and a contact added to it; items; invoices with ItemCode lines and discounts, by PUT and POST with summarizeErrors=false;
/// an update that keeps a line by LineItemID; and status changes to AUTHORISED and VOIDED.
/// </summary>
internal static class TypicalWrites
{
    public static async Task SendAsync(XeroTestHost host)
    {
        var contact = await host.CreateContact(new
        {
            Name = "Northwind Traders",
            ContactNumber = "D365-7f1c2a",
            AccountNumber = "NW-001",
            EmailAddress = "ap@northwind.test",
            FirstName = "Nancy",
            LastName = "Davolio",
            Addresses = new[] { new { AddressType = "STREET", AddressLine1 = "1 Main St", City = "Seattle", Region = "WA", PostalCode = "98052", Country = "USA" } },
            Phones = new[] { new { PhoneType = "DEFAULT", PhoneNumber = "555-0100" } },
            ContactPersons = new[] { new { FirstName = "Andrew", LastName = "Fuller", EmailAddress = "andrew@northwind.test", IncludeInEmails = true } },
        });
        var contactId = contact["ContactID"]!.GetValue<string>();
        await host.Post("/api.xro/2.0/Contacts?summarizeErrors=false", new { Contacts = new[] { new { ContactID = contactId, Name = "Northwind Traders Inc" } } }, "k-contact-post");
        await host.Post($"/api.xro/2.0/Contacts/{contactId}", new { Contacts = new[] { new { ContactStatus = "ACTIVE" } } });

        // A contact group, and the contact added to it (Mapping:Contact:ContactGroup).
        var group = await host.Put("/api.xro/2.0/ContactGroups", new { ContactGroups = new[] { new { Name = "Retail" } } }, "k-group-put");
        var groupId = group.Body!["ContactGroups"]![0]!["ContactGroupID"]!.GetValue<string>();
        await host.Put($"/api.xro/2.0/ContactGroups/{groupId}/Contacts", new { Contacts = new[] { new { ContactID = contactId } } }, "k-group-contacts-put");

        await host.Put("/api.xro/2.0/Items?summarizeErrors=false", new
        {
            Items = new[] { new { Code = "CHAIR-01", Name = "Office chair", Description = "Ergonomic chair", IsSold = true, SalesDetails = new { UnitPrice = 120.50, AccountCode = "200", TaxType = "OUTPUT" } } },
        }, "k-item-put");
        await host.Post("/api.xro/2.0/Items", new { Items = new[] { new { Code = "CHAIR-01", Name = "Office chair v2" } } });

        var invoice = await host.Put("/api.xro/2.0/Invoices?summarizeErrors=false", new
        {
            Invoices = new[]
            {
                new
                {
                    Type = "ACCREC",
                    Contact = new { ContactID = contactId },
                    Date = "2026-03-02",
                    DueDate = "2026-04-01",
                    LineAmountTypes = "Exclusive",
                    Reference = "SO-1001",
                    CurrencyCode = "USD",
                    Status = "DRAFT",
                    LineItems = new object[]
                    {
                        new { ItemCode = "CHAIR-01", Description = "Office chair", Quantity = 2.0, UnitAmount = 120.50, AccountCode = "200", TaxType = "OUTPUT", DiscountRate = 5.0 },
                        new { ItemCode = "CHAIR-01", Description = "Display chair", Quantity = 1.0, UnitAmount = 120.50, AccountCode = "200", DiscountAmount = 10.0 },
                        new { Description = "Delivery", Quantity = 1.0, UnitAmount = 25.0, AccountCode = "260" },
                    },
                },
            },
        }, "k-invoice-put");
        var invoiceNode = invoice.Body!["Invoices"]![0]!;
        var invoiceId = invoiceNode["InvoiceID"]!.GetValue<string>();
        var lineId = invoiceNode["LineItems"]![0]!["LineItemID"]!.GetValue<string>();
        await host.Post("/api.xro/2.0/Invoices?summarizeErrors=false", new
        {
            Invoices = new[]
            {
                new
                {
                    InvoiceID = invoiceId,
                    Status = "AUTHORISED",
                    LineItems = new[] { new { LineItemID = lineId, Description = "Office chair", Quantity = 3.0, UnitAmount = 120.50, AccountCode = "200" } },
                },
            },
        });
        await host.Post($"/api.xro/2.0/Invoices/{invoiceId}", new { Invoices = new[] { new { Status = "VOIDED" } } });
    }
}
