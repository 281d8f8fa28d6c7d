namespace D365Xero.Mapping;

/// <summary>Amounts as Xero keeps them, in one place.</summary>
public static class XeroMoney
{
    /// <summary>
    /// Rounds to 2 dp, half away from zero. Rule: Xero keeps UnitPrice/UnitAmount to 2 dp unless
    /// the call says <c>unitdp=4</c>, and rounds each LineAmount to 2 dp (docs/xero-rules.md#x-invoice-line-rounding; developer.xero.com/documentation/api/invoices).
    /// </summary>
    public static decimal Round(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    /// <summary>Rounds, and says so when that changed the amount.</summary>
    public static decimal Round(decimal amount, string field, ICollection<string> warnings)
    {
        var rounded = Round(amount);
        if (rounded != amount) warnings.Add($"{field} {amount} has more than 2 decimal places; Xero gets {rounded}.");
        return rounded;
    }
}
