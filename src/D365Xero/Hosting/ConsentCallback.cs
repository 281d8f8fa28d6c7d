namespace D365Xero.Hosting;

/// <summary>What Xero's redirect brought back to the loopback listener: a code, or an OAuth error (the user declined).</summary>
public sealed record ConsentCallback(string? Code, string? State, string? Error, string? ErrorDescription);
