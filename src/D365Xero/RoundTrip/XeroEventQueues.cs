namespace D365Xero.RoundTrip;

/// <summary>
/// The journal "tables" that hold what Xero told us (issue 14, the round trip): one entry per Xero
/// resource id, durable and collapsing like every journal entry, so many events for one invoice cost
/// one read. The names hold a colon, which no Dataverse logical name can, so they never meet a synced table.
/// </summary>
public static class XeroEventQueues
{
    /// <summary>Invoices Xero says changed (webhook INVOICE events, the poll backstop): read back onto their orders.</summary>
    public const string Invoice = "xero:invoice";

    /// <summary>Credit notes Xero says changed (webhook CREDITNOTE events): the invoices they are allocated to are read back.</summary>
    public const string CreditNote = "xero:creditnote";

    /// <summary>Contacts Xero says changed (webhook CONTACT events): master data is one way, so these are only checked for drift.</summary>
    public const string Contact = "xero:contact";

    public static readonly IReadOnlyList<string> All = [Invoice, CreditNote, Contact];
}
