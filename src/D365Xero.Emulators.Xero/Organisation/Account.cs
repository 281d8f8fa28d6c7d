namespace D365Xero.Emulators.Xero.Organisation;

/// <summary>A chart-of-accounts entry. [SPEC] schema Account (subset).</summary>
internal sealed record Account(Guid AccountID, string Code, string Name, string Type, string TaxType, string Class)
{
    public string Status => "ACTIVE";
}
