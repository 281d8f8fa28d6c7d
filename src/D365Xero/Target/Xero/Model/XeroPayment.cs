namespace D365Xero.Target.Xero.Model;

/// <summary>
/// Schema <c>Payment</c>, as an invoice lists it in <c>Payments[]</c> (and as <c>GET /Payments</c> returns it).
/// Xero sends no payment webhook: a payment shows as an UPDATE of its invoice (docs/xero-rules.md#x-webhook-events; github.com/XeroAPI/Xero-OpenAPI xero-webhooks.yaml).
/// </summary>
public sealed record XeroPayment
{
    public Guid? PaymentID { get; init; }
    public DateTimeOffset? Date { get; init; }
    public decimal? Amount { get; init; }
    public string? Reference { get; init; }
    public decimal? CurrencyRate { get; init; }
    /// <summary>AUTHORISED, or DELETED once removed in Xero.</summary>
    public string? Status { get; init; }
}
