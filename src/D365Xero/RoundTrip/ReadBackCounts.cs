namespace D365Xero.RoundTrip;

/// <summary>What reading Xero's side back did in this process.</summary>
public sealed class ReadBackCounts
{
    public int Read;
    public int NotOurs;
    public int OrdersWritten;
    public int PaymentRows;
    public int Pdfs;
    public int OnlineLinks;
    public int Fulfilled;
    public int CreditNotesRead;
    public int Polled;
    /// <summary>Writes Dynamics refused for one order (logged; tried again at the invoice's next change).</summary>
    public int Refused;
}
