namespace D365Xero.Emulators.Xero.Control;

/// <summary>Body of POST /_emulator/invoices/{InvoiceID}/payments.</summary>
internal sealed record PaymentRequest(decimal Amount);
