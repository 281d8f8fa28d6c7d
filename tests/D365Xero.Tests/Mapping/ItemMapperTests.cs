using D365Xero.Configuration;
using D365Xero.Mapping;
using D365Xero.Source.Rows;

namespace D365Xero.Tests.Mapping;

public sealed class ItemMapperTests
{
    private static ProductRow Product(string number = "BIKE-0001", string name = "Mountain Bike", decimal? price = 499.00m,
        ProductState state = ProductState.Active, int? structure = 1) => new()
    {
        Id = Guid.NewGuid(),
        ProductNumber = number,
        Name = name,
        Description = "Full-suspension mountain bike",
        Price = price,
        State = state,
        Structure = structure,
    };

    [Fact]
    public void Maps_product_fields_to_a_sold_xero_item()
    {
        var result = ItemMapper.Map(Product(), new SyncOptions { SalesAccountCode = "201", TaxType = "OUTPUT2" });

        Assert.Equal(MappingDecision.Send, result.Decision);
        var item = result.Payload!;
        Assert.Equal(("BIKE-0001", "Mountain Bike", "Full-suspension mountain bike"), (item.Code, item.Name, item.Description));
        Assert.True(item.IsSold);
        Assert.Equal((499.00m, "201", "OUTPUT2"), (item.SalesDetails!.UnitPrice, item.SalesDetails.AccountCode, item.SalesDetails.TaxType));
        Assert.Null(result.Error);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Sends_no_tax_type_by_default_so_xero_uses_the_accounts()
    {
        var details = ItemMapper.Map(Product(), new SyncOptions()).Payload!.SalesDetails!;

        Assert.Equal("200", details.AccountCode);
        Assert.Null(details.TaxType);
    }

    [Fact]
    public void A_31_character_product_number_is_an_error_naming_the_limit_and_is_never_cut()
    {
        var number = new string('P', 31);

        var result = ItemMapper.Map(Product(number), new SyncOptions());

        Assert.Equal(MappingDecision.Fail, result.Decision);
        Assert.Null(result.Payload);
        Assert.Contains("30", result.Error);
        Assert.Contains(number, result.Error);
    }

    [Fact]
    public void A_30_character_product_number_is_sent_whole()
    {
        var number = new string('P', 30);

        Assert.Equal(number, ItemMapper.Map(Product(number), new SyncOptions()).Payload!.Code);
    }

    [Fact]
    public void The_product_number_is_cleaned_before_it_is_measured()
    {
        var result = ItemMapper.Map(Product("  BIKE   0001 "), new SyncOptions());

        Assert.Equal("BIKE 0001", result.Payload!.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_product_without_a_number_is_an_error(string number)
    {
        var result = ItemMapper.Map(Product(number), new SyncOptions());

        Assert.Equal(MappingDecision.Fail, result.Decision);
        Assert.Contains("product number", result.Error);
    }

    [Fact]
    public void A_51_character_name_is_shortened_to_50_with_a_warning()
    {
        var result = ItemMapper.Map(Product(name: new string('N', 51)), new SyncOptions());

        Assert.Equal(new string('N', 50), result.Payload!.Name);
        Assert.Contains(result.Warnings, w => w.Contains("Name") && w.Contains("50"));
    }

    [Fact]
    public void A_product_without_a_price_has_no_unit_price_and_a_warning()
    {
        var result = ItemMapper.Map(Product(price: null), new SyncOptions());

        Assert.Equal(MappingDecision.Send, result.Decision);
        Assert.Null(result.Payload!.SalesDetails!.UnitPrice);
        Assert.Contains(result.Warnings, w => w.Contains("no list price"));
    }

    [Fact]
    public void A_price_with_more_than_two_decimals_is_rounded_with_a_warning()
    {
        var result = ItemMapper.Map(Product(price: 12.3456m), new SyncOptions());

        Assert.Equal(12.35m, result.Payload!.SalesDetails!.UnitPrice);
        Assert.Contains(result.Warnings, w => w.Contains("12.35"));
    }

    [Fact]
    public void Line_breaks_in_the_description_are_kept()
    {
        var product = Product() with { Description = "Frame: alloy\r\n  Wheels:   29\"\r\n" };

        Assert.Equal("Frame: alloy\nWheels: 29\"", ItemMapper.Map(product, new SyncOptions()).Payload!.Description);
    }

    [Theory]
    [InlineData(ProductState.Draft, "draft")]
    [InlineData(ProductState.UnderRevision, "under revision")]
    public void Draft_and_under_revision_products_are_skipped_until_published(ProductState state, string word)
    {
        var result = ItemMapper.Map(Product(state: state), new SyncOptions());

        Assert.Equal(MappingDecision.Skip, result.Decision);
        Assert.Null(result.Payload);
        Assert.Null(result.Error);
        Assert.Contains(word, result.Reason);
    }

    [Fact]
    public void A_retired_product_is_still_mapped_by_default()
    {
        var result = ItemMapper.Map(Product(state: ProductState.Retired), new SyncOptions());

        Assert.Equal(MappingDecision.Send, result.Decision);
        Assert.Equal("BIKE-0001", result.Payload!.Code);
    }

    [Fact]
    public void A_retired_product_deletes_its_item_when_configured()
    {
        var result = ItemMapper.Map(Product(state: ProductState.Retired), new SyncOptions { RetiredProducts = RetiredProducts.Delete });

        Assert.Equal(MappingDecision.Delete, result.Decision);
        Assert.Contains("retired", result.Reason);
    }

    [Fact]
    public void An_active_product_is_not_deleted_when_retired_products_are()
    {
        Assert.Equal(MappingDecision.Send, ItemMapper.Map(Product(), new SyncOptions { RetiredProducts = RetiredProducts.Delete }).Decision);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Product_families_and_bundles_are_skipped(int structure)
    {
        var result = ItemMapper.Map(Product(structure: structure), new SyncOptions());

        Assert.Equal(MappingDecision.Skip, result.Decision);
        Assert.Contains("families and bundles", result.Reason);
    }

    [Fact]
    public void A_product_without_a_structure_counts_as_a_plain_product()
    {
        Assert.Equal(MappingDecision.Send, ItemMapper.Map(Product(structure: null), new SyncOptions()).Decision);
    }
}
