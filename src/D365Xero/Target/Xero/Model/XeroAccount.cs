namespace D365Xero.Target.Xero.Model;

/// <summary>Schema <c>Account</c>: one line of the chart of accounts (e.g. Code 200, Sales).</summary>
public sealed record XeroAccount
{
    public Guid? AccountID { get; init; }
    public string? Code { get; init; }
    public string? Name { get; init; }
    public string? Type { get; init; }
    /// <summary>ACTIVE or ARCHIVED.</summary>
    public string? Status { get; init; }
    public string? Class { get; init; }
    public string? TaxType { get; init; }
    public string? CurrencyCode { get; init; }
    /// <summary>DEBTORS, CREDITORS, … for an account Xero keeps for itself.</summary>
    public string? SystemAccount { get; init; }
}
