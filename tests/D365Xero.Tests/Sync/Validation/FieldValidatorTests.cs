using D365Xero.Sync.Validation;
using D365Xero.Target.Xero.Model;
using D365Xero.Tests.Sync.Steps;

namespace D365Xero.Tests.Sync.Validation;

public sealed class FieldValidatorTests
{
    private static XeroSettings Settings()
    {
        var fake = new FakeXeroSettings();
        return new XeroSettings
        {
            Organisation = fake.Organisation, Accounts = XeroSettings.ByCode(fake.Accounts), TaxRates = fake.TaxRates,
            Currencies = fake.Currencies, TrackingCategories = fake.TrackingCategories, BrandingThemes = fake.BrandingThemes,
        };
    }

    [Theory]
    [InlineData("OUTPUT", null)]
    [InlineData("INPUT", "Accounts receivable tax type INPUT (Tax on Purchases) cannot be used on sales in Xero; active sales tax types: NONE (Tax Exempt), OUTPUT (Tax on Sales).")]
    [InlineData("GST", "Accounts receivable tax type GST does not exist in Xero; active sales tax types: NONE (Tax Exempt), OUTPUT (Tax on Sales).")]
    public void A_contacts_sales_tax_type_must_be_active_and_fit_sales(string taxType, string? problem) =>
        Assert.Equal(problem, PayloadValidator.Check(new XeroContact { AccountsReceivableTaxType = taxType }, Settings()));

    [Fact]
    public void An_empty_field_being_cleared_is_not_checked_and_payment_terms_must_be_xeros() =>
        Assert.Equal("Payment terms day 45 is not one Xero allows; Xero allows a day from 0 to 31. "
            + "Payment terms type NET is not one of Xero's; Xero allows DAYSAFTERBILLDATE, DAYSAFTERBILLMONTH, OFCURRENTMONTH, OFFOLLOWINGMONTH.",
            PayloadValidator.Check(new XeroContact { AccountsReceivableTaxType = "", DefaultCurrency = "", PaymentTerms = new() { Sales = new() { Day = 45, Type = "NET" } } }, Settings()));

    [Fact]
    public void An_archived_purchase_account_names_the_active_purchases_accounts()
    {
        var settings = Settings() with { Accounts = XeroSettings.ByCode(new FakeXeroSettings().Accounts.Select(a => a.Code == "400" ? a with { Status = "ARCHIVED" } : a)) };

        Assert.Equal("Purchase account code 400 is archived in Xero; active purchases accounts: none.",
            PayloadValidator.Check(new XeroItem { PurchaseDetails = new() { AccountCode = "400" } }, settings));
    }

    [Fact]
    public void A_branding_theme_named_in_the_mapping_is_sent_as_its_id()
    {
        var invoice = new XeroInvoice { BrandingThemeName = "standard" };

        Assert.Null(PayloadValidator.Check(invoice, Settings()));
        Assert.Equal(Guid.Parse("5d4dd402-c851-497e-aae1-9ff265c0d15a"), PayloadValidator.Resolve(invoice, Settings()).BrandingThemeID);
    }
}
