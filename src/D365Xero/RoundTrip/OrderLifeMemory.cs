namespace D365Xero.RoundTrip;

/// <summary>
/// What the read-back last wrote onto an order (kept in its link): a hash of its columns, each payment row's hash, the
/// invoice document whose PDF is attached, the online link, whether the order was fulfilled. An invoice read again that
/// changed nothing the order shows costs no Dynamics write.
/// </summary>
public sealed record OrderLifeMemory
{
    public string? ColumnsHash { get; init; }

    /// <summary>Xero PaymentID → hash of the payment row last written.</summary>
    public Dictionary<string, string>? Payments { get; init; }

    /// <summary>The fingerprint of the invoice document (<see cref="InvoiceDocument"/>) whose PDF is attached.</summary>
    public string? PdfOf { get; init; }

    public string? OnlineUrl { get; init; }

    public bool? Fulfilled { get; init; }
}
