namespace D365Xero.Emulators.Xero.Organisation;

/// <summary>[SPEC] schema BrandingTheme (subset): the invoice templates an invoice's BrandingThemeID may name.</summary>
internal sealed record BrandingTheme(Guid BrandingThemeID, string Name, int SortOrder)
{
    public string Type => "INVOICE";
}
