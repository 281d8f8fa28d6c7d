namespace D365Xero.Emulators.Xero.Organisation;

/// <summary>
/// A tax rate a line can use. [SPEC] schema TaxRate (subset): Status ACTIVE, DELETED or ARCHIVED, and
/// CanApplyTo* saying which account classes take it (docs/xero-rules.md#x-tax-type-account-class).
/// </summary>
internal sealed record TaxRate(string Name, string TaxType, decimal EffectiveRate)
{
    public decimal DisplayTaxRate => EffectiveRate;

    public string Status { get; init; } = "ACTIVE";

    public bool CanApplyToAssets { get; init; } = true;
    public bool CanApplyToEquity { get; init; } = true;
    public bool CanApplyToExpenses { get; init; } = true;
    public bool CanApplyToLiabilities { get; init; } = true;
    public bool CanApplyToRevenue { get; init; } = true;

    /// <summary>Whether an account of this Class (ASSET, EQUITY, EXPENSE, LIABILITY, REVENUE) may use the rate.</summary>
    public bool AppliesTo(string accountClass) => accountClass switch
    {
        "ASSET" => CanApplyToAssets,
        "EQUITY" => CanApplyToEquity,
        "EXPENSE" => CanApplyToExpenses,
        "LIABILITY" => CanApplyToLiabilities,
        "REVENUE" => CanApplyToRevenue,
        _ => true,
    };
}
