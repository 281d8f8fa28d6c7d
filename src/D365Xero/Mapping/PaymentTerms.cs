namespace D365Xero.Mapping;

/// <summary>Dynamics payment terms (<c>paymenttermscode</c>) as days to the due date.</summary>
public static class PaymentTerms
{
    /// <summary>
    /// 1 Net 30 → 30, 2 "2% 10, Net 30" → 30 (the early-payment discount is not modelled: Xero
    /// invoices have no such term), 3 Net 45 → 45, 4 Net 60 → 60; anything else, or none, →
    /// <paramref name="defaultDays"/> (<c>Sync:DefaultDueDays</c>).
    /// </summary>
    public static int DueDays(int? paymentTermsCode, int defaultDays) => paymentTermsCode switch
    {
        1 or 2 => 30,
        3 => 45,
        4 => 60,
        _ => defaultDays,
    };
}
