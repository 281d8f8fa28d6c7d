namespace D365Xero.Target.Xero.Model;

/// <summary>Schema <c>PaymentTerm</c> of a contact: Sales (and Bills, which the connector leaves alone).</summary>
public sealed record XeroPaymentTerms
{
    public XeroPaymentTerm? Sales { get; init; }
}

/// <summary>Schema <c>Bill</c>: Day (0–31) and Type (PaymentTermType: DAYSAFTERBILLDATE, DAYSAFTERBILLMONTH, OFCURRENTMONTH, OFFOLLOWINGMONTH).</summary>
public sealed record XeroPaymentTerm
{
    public int? Day { get; init; }
    public string? Type { get; init; }
}
