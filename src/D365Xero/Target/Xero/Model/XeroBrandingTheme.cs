namespace D365Xero.Target.Xero.Model;

/// <summary>Schema <c>BrandingTheme</c>: an invoice template (docs/xero-rules.md#x-branding-theme-exists).</summary>
public sealed record XeroBrandingTheme
{
    public Guid? BrandingThemeID { get; init; }
    public string? Name { get; init; }
}
