namespace D365Xero.Emulators.Xero.Organisation;

/// <summary>A tax rate a line can use. [SPEC] schema TaxRate (subset).</summary>
internal sealed record TaxRate(string Name, string TaxType, decimal EffectiveRate)
{
    public decimal DisplayTaxRate => EffectiveRate;

    public string Status => "ACTIVE";
}
