using System.Text.Json.Serialization;

namespace D365Xero.Emulators.Xero.Organisation;

/// <summary>
/// A chart-of-accounts entry. [SPEC] schema Account (subset): Status ACTIVE or ARCHIVED, TaxType the
/// default applied to a line that names the account and no tax type (docs/xero-rules.md#x-account-default-tax).
/// </summary>
internal sealed record Account(Guid AccountID, string Code, string Name, string Type, string TaxType, string Class)
{
    public string Status { get; init; } = "ACTIVE";

    /// <summary>DEBTORS, CREDITORS, … for the accounts Xero keeps for itself; null for an ordinary account.</summary>
    public string? SystemAccount { get; init; }

    public string? UpdatedDateUTC { get; init; }

    [JsonIgnore]
    public DateTimeOffset Updated { get; init; }
}
