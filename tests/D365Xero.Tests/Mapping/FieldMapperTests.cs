using System.Text.Json.Nodes;
using D365Xero.Configuration.Mapping;
using D365Xero.Mapping;
using D365Xero.Source;
using D365Xero.Tables;
using D365Xero.Target.Xero.Model;

namespace D365Xero.Tests.Mapping;

public sealed class FieldMapperTests
{
    private const string Label = "@OData.Community.Display.V1.FormattedValue";

    private static ContactFieldMaps Contact(bool keep) => new()
    {
        TaxNumber = new FieldMap { Column = "account.new_vatnumber", KeepWhenEmpty = keep },
        AccountsReceivableTaxType = new FieldMap { Column = "account.new_taxclass", Values = new(StringComparer.OrdinalIgnoreCase) { ["Exempt"] = "NONE" } },
        PaymentTermsDay = new FieldMap { Column = "account.new_termsday" },
        PaymentTermsType = new FieldMap { Column = "account.new_termstype", Values = new(StringComparer.OrdinalIgnoreCase) { ["Net"] = "DAYSAFTERBILLDATE" } },
    };

    [Fact]
    public void A_choice_is_translated_by_its_label_not_its_number()
    {
        var account = new JsonObject { ["new_vatnumber"] = "GB1", ["new_taxclass"] = 727270001, ["new_taxclass" + Label] = "exempt", ["new_termsday"] = "30", ["new_termstype"] = "Net" };

        var (contact, error) = FieldMapper.Contact(new XeroContact(), account, Contact(keep: false));

        Assert.Null(error);
        Assert.Equal(("GB1", "NONE", 30, "DAYSAFTERBILLDATE"), (contact.TaxNumber, contact.AccountsReceivableTaxType, contact.PaymentTerms!.Sales!.Day, contact.PaymentTerms.Sales.Type));
    }

    [Theory]
    [InlineData(false, "")]
    [InlineData(true, null)]
    public void An_empty_column_is_sent_empty_to_clear_xeros_value_unless_told_to_keep_it(bool keep, string? sent)
    {
        var (contact, _) = FieldMapper.Contact(new XeroContact { DefaultCurrency = "USD" }, new JsonObject { ["new_vatnumber"] = null }, Contact(keep));

        Assert.Equal(sent, contact.TaxNumber);
        Assert.Null(contact.PaymentTerms); // terms without a day and a type are left to Xero
        Assert.Equal("USD", contact.DefaultCurrency); // unmapped: as it was
    }

    [Theory]
    [InlineData("Shop", false, "Retail")]
    [InlineData(null, false, "")] // empty: out of the group the connector put it in
    [InlineData(null, true, null)] // empty, KeepWhenEmpty: its groups left alone
    public void The_contact_group_is_named_by_the_column_and_never_sent_with_the_contact(string? segment, bool keep, string? group)
    {
        var maps = new ContactFieldMaps
        {
            ContactGroup = new FieldMap { Column = "account.new_segment", KeepWhenEmpty = keep, Values = new(StringComparer.OrdinalIgnoreCase) { ["Shop"] = "Retail" } },
        };
        var account = new JsonObject { ["new_segment"] = segment is null ? null : 1, ["new_segment" + Label] = segment };

        var (contact, error) = FieldMapper.Contact(new XeroContact { Name = "A" }, account, maps);

        Assert.Null(error);
        Assert.Equal(group, contact.ContactGroupName);
        Assert.DoesNotContain("ContactGroup", System.Text.Json.JsonSerializer.Serialize(contact));
        Assert.Null(FieldMapper.Contact(new XeroContact(), account, new ContactFieldMaps()).Payload.ContactGroupName); // unmapped: never touched
    }

    [Fact]
    public void A_payment_day_that_is_no_number_fails_the_row_naming_the_column()
    {
        var (_, error) = FieldMapper.Contact(new XeroContact(), new JsonObject { ["new_termsday"] = "soon", ["new_termstype"] = "Net" }, Contact(false));

        Assert.Equal("Payment terms day 'soon' (account.new_termsday) is not a whole number; Xero allows a day from 0 to 31.", error);
    }

    [Fact]
    public void The_reference_template_fills_order_columns_and_trims_what_an_empty_one_leaves()
    {
        var order = new JsonObject { ["ordernumber"] = "ORD-1", ["new_customerpo"] = null };

        Assert.Equal("ORD-1", FieldMapper.Reference("{ordernumber} / {new_customerpo}", order));
        Assert.Equal("ORD-1 / PO-9", FieldMapper.Reference("{ordernumber} / {new_customerpo}", new JsonObject { ["ordernumber"] = "ORD-1", ["new_customerpo"] = "PO-9" }));
    }

    [Fact]
    public void The_item_cost_is_the_columns_own_value_not_its_formatted_text()
    {
        var maps = new ItemFieldMaps { PurchaseAccountCode = new FieldMap { Column = "product.new_purchaseaccount" }, PurchaseCost = new FieldMap { Column = "product.standardcost" } };
        var product = new JsonObject { ["new_purchaseaccount"] = "310", ["standardcost"] = 1234.5m, ["standardcost" + Label] = "$1,234.50" };

        var (item, error) = FieldMapper.Item(new XeroItem { Code = "X" }, product, maps);

        Assert.Null(error);
        Assert.Equal((true, "310", 1234.5m), (item.IsPurchased, item.PurchaseDetails!.AccountCode, item.PurchaseDetails.UnitPrice));
    }

    [Fact]
    public void A_mapped_column_joins_its_tables_webhook_filtering_attributes()
    {
        var mapping = new MappingOptions { Contact = { TaxNumber = new FieldMap { Column = "account.new_vatnumber" } }, Invoice = { Reference = "{ordernumber} / {new_customerpo}" } };

        var steps = WebhookPlan.Steps(SyncedTables.Default, mapping);

        Assert.Contains("new_vatnumber", steps.Single(s => s is { Table: "account", Message: "Update" }).FilteringAttributes!);
        Assert.Contains("new_customerpo", steps.Single(s => s is { Table: "salesorder", Message: "Update" }).FilteringAttributes!);
        Assert.DoesNotContain("new_vatnumber", steps.Single(s => s is { Table: "account", Message: "Delete" }).PreImageAttributes!);
    }
}
