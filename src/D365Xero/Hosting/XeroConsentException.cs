namespace D365Xero.Hosting;

/// <summary>`connect` could not finish; the message says why and what to do.</summary>
public sealed class XeroConsentException(string message, Exception? inner = null) : Exception(message, inner);
