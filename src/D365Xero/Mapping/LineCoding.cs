using D365Xero.Target.Xero.Model;

namespace D365Xero.Mapping;

/// <summary>How one invoice line (or an item's sales side) is coded in Xero: account, tax type, tracking.</summary>
/// <param name="TaxType">
/// Null sends none, and Xero applies the account's default tax type (docs/xero-rules.md#x-account-default-tax);
/// pre-send validation checks that default as if it were sent.
/// </param>
public sealed record LineCoding(string AccountCode, string? TaxType, IReadOnlyList<XeroLineTracking> Tracking);
