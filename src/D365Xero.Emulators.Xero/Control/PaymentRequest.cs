namespace D365Xero.Emulators.Xero.Control;

/// <summary>Body of POST /_emulator/invoices/{InvoiceID}/payments: every part optional (Amount = the amount due, Date = today, yyyy-MM-dd).</summary>
internal sealed record PaymentRequest(decimal? Amount, string? Date, string? Reference);
