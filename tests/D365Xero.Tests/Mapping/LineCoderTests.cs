using System.Text.Json.Nodes;
using D365Xero.Configuration;
using D365Xero.Configuration.Mapping;
using D365Xero.Mapping;

namespace D365Xero.Tests.Mapping;

public sealed class LineCoderTests
{
    private static SyncOptions Options() => new()
    {
        SalesAccountCode = "200",
        TaxType = "OUTPUT",
        Mapping = new MappingOptions
        {
            AccountCode = new ColumnMap { Column = "product.parentproductid", Values = new(StringComparer.OrdinalIgnoreCase) { ["Bikes"] = "200", ["Parts"] = "260" } },
            TaxType = new ColumnMap { Column = "product.parentproductid", Values = new(StringComparer.OrdinalIgnoreCase) { ["Parts"] = "NONE" } },
            Tracking =
            [
                new TrackingMap { Category = "Region", Column = "salesorder.new_region", Values = new(StringComparer.OrdinalIgnoreCase) { ["N"] = "North" } },
                new TrackingMap { Category = "Department", Column = "product.new_department" },
            ],
        },
    };

    [Fact]
    public void Account_and_tax_come_from_the_products_family_by_label_and_tracking_from_the_order_and_the_product()
    {
        var order = new JsonObject { ["new_region"] = 1, ["new_region@OData.Community.Display.V1.FormattedValue"] = "N" };
        var product = new JsonObject { ["_parentproductid_value"] = Guid.NewGuid().ToString(), ["_parentproductid_value@OData.Community.Display.V1.FormattedValue"] = "parts", ["new_department"] = "Retail" };

        var coding = LineCoder.Code(Options(), order, null, product);

        Assert.Equal(("260", "NONE"), (coding.AccountCode, coding.TaxType));
        Assert.Equal(["Region:North", "Department:Retail"], coding.Tracking.Select(t => $"{t.Name}:{t.Option}"));
    }

    [Fact]
    public void An_unmapped_value_falls_back_to_the_defaults_and_an_empty_tracking_column_leaves_the_category_off()
    {
        var product = new JsonObject { ["_parentproductid_value@OData.Community.Display.V1.FormattedValue"] = "Helmets" };

        var coding = LineCoder.Code(Options(), new JsonObject(), null, product);

        Assert.Equal(("200", "OUTPUT"), (coding.AccountCode, coding.TaxType));
        Assert.Empty(coding.Tracking);
    }

    [Fact]
    public void The_mapping_section_names_each_bad_entry_by_its_key()
    {
        var mapping = new MappingOptions
        {
            Tracking = [new() { Category = "Region", Column = "salesorder.new_region" }, new() { Category = "region", Column = "product.x" }, new() { Category = "C", Column = "order.x" }],
        };

        var problems = MappingRules.Problems(mapping, "Connections:0:Mapping").ToList();

        Assert.Equal(
        [
            "invalid setting Connections:0:Mapping:Tracking = '3 entries': allowed: at most 2 tracking categories, as Xero allows (docs/xero-rules.md#x-tracking-two-categories).",
            "invalid setting Connections:0:Mapping:Tracking:1:Category = 'region': allowed: a category not mapped twice.",
            "invalid setting Connections:0:Mapping:Tracking:2:Column = 'order.x': allowed: a Dynamics column as table.column, the table one of salesorder, salesorderdetail, product.",
        ], problems);
    }
}
