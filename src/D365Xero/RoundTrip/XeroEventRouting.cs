namespace D365Xero.RoundTrip;

/// <summary>Which journal queue (<see cref="XeroEventQueues"/>) an event of each Xero category goes to.</summary>
public static class XeroEventRouting
{
    /// <summary>
    /// INVOICE → <see cref="XeroEventQueues.Invoice"/>, CREDITNOTE → <see cref="XeroEventQueues.CreditNote"/>,
    /// CONTACT → <see cref="XeroEventQueues.Contact"/>; null for SUBSCRIPTION (about the app, not an
    /// organisation's books) and for any category Xero may add later, which are ignored.
    /// </summary>
    public static string? QueueOf(string category) => category.ToUpperInvariant() switch
    {
        "INVOICE" => XeroEventQueues.Invoice,
        "CREDITNOTE" => XeroEventQueues.CreditNote,
        "CONTACT" => XeroEventQueues.Contact,
        _ => null,
    };
}
