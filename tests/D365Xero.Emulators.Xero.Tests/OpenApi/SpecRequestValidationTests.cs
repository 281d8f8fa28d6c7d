using System.Text.Json.Nodes;
using D365Xero.Emulators.Xero.Tests.Support;

namespace D365Xero.Emulators.Xero.Tests.OpenApi;

/// <summary>
/// Every write the emulator accepts, checked in .NET against tests/fixtures/xero-openapi/xero_accounting.yaml: the body's
/// Invoices[], Contacts[] and Items[] against the Invoice, Contact and Item schemas (nested LineItem,
/// Contact, Address, Phone, ContactPerson included). This covers the invoice bodies Prism lets through.
/// </summary>
public sealed class SpecRequestValidationTests
{
    private static XeroSpecValidator Validator => XeroSpecValidator.Shared;

    [Theory]
    [InlineData("PUT", "/api.xro/2.0/Invoices?summarizeErrors=false", "Invoices")]
    [InlineData("POST", "/api.xro/2.0/Invoices", "Invoices")]
    [InlineData("POST", "/api.xro/2.0/Invoices/0b0e8a32-6f1b-4c8e-9d3a-2f6f3c1d9e01", "Invoices")]
    [InlineData("PUT", "/api.xro/2.0/Contacts", "Contacts")]
    [InlineData("POST", "/api.xro/2.0/Contacts/0b0e8a32-6f1b-4c8e-9d3a-2f6f3c1d9e01", "Contacts")]
    [InlineData("PUT", "/api.xro/2.0/Items", "Items")]
    [InlineData("POST", "/api.xro/2.0/Items", "Items")]
    public void Each_write_route_is_checked_against_its_collection_schema(string method, string path, string schema)
    {
        Assert.Equal(schema, Validator.RequestSchema(method, path)?.Reference?.Id);
    }

    [Fact]
    public void Invalid_invoice_body_is_reported_property_by_property()
    {
        const string body = """
            {"Invoices":[{
              "Type":"ACCRECEIVABLE",
              "Contact":{"ContactID":"8f2d6a7e-0c3b-4f55-9a61-1b2c3d4e5f60"},
              "LineAmountTypes":"Exclusiv",
              "Reference":1001,
              "Colour":"blue",
              "Date":"2026-11-01",
              "LineItems":[{"Description":"Chair","Quantity":1.0,"UnitAmount":120.5,"AccountCode":"200"}]
            }]}
            """;

        var violations = Validator.Validate("PUT", "/api.xro/2.0/Invoices", body);

        Assert.Contains(violations, v => v.StartsWith("$.Invoices[0].Type:") && v.Contains("'ACCRECEIVABLE' is not one of"));
        Assert.Contains(violations, v => v.StartsWith("$.Invoices[0].LineAmountTypes:") && v.Contains("'Exclusiv' is not one of LineAmountTypes"));
        Assert.Contains(violations, v => v.StartsWith("$.Invoices[0].Reference:") && v.Contains("a number where the spec expects string"));
        Assert.Contains(violations, v => v.StartsWith("$.Invoices[0].Colour:") && v.Contains("not a property of Invoice"));
        Assert.Equal(4, violations.Count); // the valid parts (date string, uuid, line) raise nothing
    }

    [Fact]
    public void Nested_lines_contacts_addresses_phones_and_persons_are_checked()
    {
        const string body = """
            {"Invoices":[{
              "Type":"ACCREC",
              "Status":"APPROVED",
              "CurrencyCode":"usd",
              "InvoiceNumber":"INV-0001",
              "Total":265.5,
              "Contact":{
                "ContactID":"not-a-uuid",
                "Addresses":[{"AddressType":"HOME","PostalCode":"123456789012345678901234567890123456789012345678901"}],
                "Phones":[{"PhoneType":"DEFAULT","PhoneNumber":5550100}],
                "ContactPersons":[{"FirstName":"Andrew","IncludeInEmails":"yes"}]
              },
              "LineItems":[{"LineItemID":"123","ItemCode":"CHAIR-01","Quantity":"2","DiscountRate":5.0,"Discount":5}]
            }]}
            """;

        var violations = Validator.Validate("POST", "/api.xro/2.0/Invoices", body);

        string[] expected =
        [
            "$.Invoices[0].Status:",
            "$.Invoices[0].CurrencyCode:",
            "$.Invoices[0].Total: readOnly",
            "$.Invoices[0].Contact.ContactID: 'not-a-uuid' is not a uuid",
            "$.Invoices[0].Contact.Addresses[0].AddressType:",
            "$.Invoices[0].Contact.Addresses[0].PostalCode: 51 characters, more than maxLength 50",
            "$.Invoices[0].Contact.Phones[0].PhoneNumber: a number",
            "$.Invoices[0].Contact.ContactPersons[0].IncludeInEmails: a string",
            "$.Invoices[0].LineItems[0].LineItemID: '123' is not a uuid",
            "$.Invoices[0].LineItems[0].Quantity: a string",
            "$.Invoices[0].LineItems[0].Discount: not a property of LineItem",
        ];
        foreach (var prefix in expected) Assert.Contains(violations, v => v.StartsWith(prefix));
        Assert.Equal(expected.Length, violations.Count);
    }

    [Fact]
    public void Contact_and_item_bodies_report_unknown_readonly_and_missing_required_properties()
    {
        var contact = Validator.Validate("PUT", "/api.xro/2.0/Contacts",
            """{"Contacts":[{"Name":"Northwind","Website":"https://northwind.test","emailaddress":"ap@northwind.test"}]}""");
        Assert.Contains(contact, v => v.StartsWith("$.Contacts[0].Website: readOnly"));
        Assert.Contains(contact, v => v.StartsWith("$.Contacts[0].emailaddress: not a property of Contact (the spec spells it EmailAddress)"));
        Assert.Equal(2, contact.Count);

        var item = Validator.Validate("POST", "/api.xro/2.0/Items", """{"Items":[{"Name":"Office chair","SalesDetails":{"UnitPrice":"120.50"}}]}""");
        Assert.Contains(item, v => v == "$.Items[0]: required property Code is missing");
        Assert.Contains(item, v => v.StartsWith("$.Items[0].SalesDetails.UnitPrice: a string"));
        Assert.Equal(2, item.Count);
    }

    [Fact]
    public void Routes_and_parameters_outside_the_spec_are_reported()
    {
        Assert.Contains(Validator.Validate("PUT", "/api.xro/2.0/Invoice", """{"Invoices":[]}"""), v => v.StartsWith("no PUT operation"));
        Assert.Contains(Validator.Validate("POST", "/api.xro/2.0/Invoices?summarizeErrors=no", """{"Invoices":[]}"""), v => v.Contains("summarizeErrors: 'no' is not a boolean"));
        Assert.Contains(Validator.Validate("POST", "/api.xro/2.0/Invoices?summariseErrors=false", """{"Invoices":[]}"""), v => v.Contains("summariseErrors is not declared"));
        Assert.Contains(Validator.Validate("POST", "/api.xro/2.0/Invoices/INV-1", """{"Invoices":[]}"""), v => v.Contains("InvoiceID: 'INV-1' is not a uuid"));
        Assert.Contains(Validator.Validate("PUT", "/api.xro/2.0/Invoices", """{"Invoices":{"Type":"ACCREC"}}"""), v => v.StartsWith("$.Invoices: an object where the spec expects array"));
    }

    [Fact]
    public async Task Replayed_typical_writes_conform_to_the_Xero_spec()
    {
        await using var host = await XeroTestHost.StartAsync(seed: "demo");
        await TypicalWrites.SendAsync(host);
        var recorded = (await host.Get("/_emulator/requests")).Body!.AsArray();
        Assert.True(recorded.Count >= 8, $"expected the typical writes to be recorded, got {recorded.Count}");
        Assert.All(recorded, r => Assert.Equal(200, r!["status"]!.GetValue<int>()));
        Assert.True(recorded.Count(r => r!["path"]!.GetValue<string>().Contains("/Invoices")) >= 3, "expected invoice writes among the recorded requests");

        var violations = new List<string>();
        foreach (var request in recorded)
        {
            var method = request!["method"]!.GetValue<string>();
            var path = request["path"]!.GetValue<string>();
            violations.AddRange(Validator.Validate(method, path, request["body"]!.GetValue<string>()).Select(v => $"{method} {path}: {v}"));
        }

        Assert.True(violations.Count == 0, "Request violations:\n" + string.Join('\n', violations));
    }
}
