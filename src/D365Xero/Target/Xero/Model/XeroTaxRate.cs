namespace D365Xero.Target.Xero.Model;

/// <summary>Schema <c>TaxRate</c>; <see cref="TaxType"/> is what items and lines send (codes differ by region).</summary>
public sealed record XeroTaxRate
{
    public string? Name { get; init; }
    public string? TaxType { get; init; }
    public string? Status { get; init; }
    public decimal? EffectiveRate { get; init; }
    public bool? CanApplyToRevenue { get; init; }
    public bool? CanApplyToExpenses { get; init; }
    public bool? CanApplyToAssets { get; init; }
    public bool? CanApplyToLiabilities { get; init; }
    public bool? CanApplyToEquity { get; init; }
}
