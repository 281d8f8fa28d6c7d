using D365Xero.Source.Rows;

namespace D365Xero.Mapping;

/// <summary>Xero invoice statuses and the rules for which one an order asks for.</summary>
public static class InvoiceStatus
{
    public const string Draft = "DRAFT";
    public const string Submitted = "SUBMITTED";
    public const string Authorised = "AUTHORISED";
    public const string Paid = "PAID";
    public const string Voided = "VOIDED";
    public const string Deleted = "DELETED";

    /// <summary>
    /// DRAFT, or AUTHORISED when <c>Sync:AuthoriseWhen</c> is <c>Fulfilled</c> and the order is
    /// Fulfilled or Invoiced, or is <c>Invoiced</c> and the order is Invoiced. <c>Never</c> (the
    /// default) and unknown values keep DRAFT. A Submitted order stays DRAFT: Xero's SUBMITTED means
    /// "awaiting approval in Xero", which is not what Dynamics means by it.
    /// </summary>
    public static string Wanted(SalesOrderState state, string authoriseWhen)
    {
        var authorise = authoriseWhen.ToUpperInvariant() switch
        {
            "FULFILLED" => state is SalesOrderState.Fulfilled or SalesOrderState.Invoiced,
            "INVOICED" => state is SalesOrderState.Invoiced,
            _ => false,
        };
        return authorise ? Authorised : Draft;
    }

    /// <summary>
    /// The status to send: the wanted one, but never back from what Xero already has. A person may
    /// have submitted or approved the invoice in Xero, AUTHORISED cannot go back to DRAFT, and an
    /// update of an AUTHORISED invoice must say AUTHORISED or it fails (docs/xero-rules.md#x-invoice-edit-lock; XeroAPI/Xero-NetStandard#84; XeroAPI/Xero-Net#339).
    /// </summary>
    public static string ToSend(string wanted, string? current) => Rank(current) > Rank(wanted) ? current!.ToUpperInvariant() : wanted;

    private static int Rank(string? status) => status?.ToUpperInvariant() switch
    {
        Draft => 0,
        Submitted => 1,
        Authorised => 2,
        _ => -1,
    };
}
