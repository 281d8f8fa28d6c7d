using D365Xero.Target.Xero.Model;

namespace D365Xero.Mapping;

/// <summary>
/// A credit note for a cancelled order's paid invoice (<c>Sync:CreditPaidCancellations</c>): <paramref name="Note"/> is raised,
/// authorised, and <paramref name="Allocate"/> of it applied to the invoice (what is still due); the rest is credit the customer
/// can be refunded. <paramref name="Note"/> is null until the invoice has been read in this pass.
/// </summary>
public sealed record InvoiceCredit(XeroCreditNote? Note, decimal Allocate);
