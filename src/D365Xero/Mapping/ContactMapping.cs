using D365Xero.Target.Xero.Model;

namespace D365Xero.Mapping;

/// <summary>
/// One Xero contact computed from an account and its people: the payload (null when the account
/// cannot be sent, with <see cref="Error"/> saying why), what became of each Dynamics contact, and
/// warnings about text that was cleaned or shortened.
/// </summary>
public sealed record ContactMapping(
    XeroContact? Payload,
    string? Error,
    IReadOnlyList<PersonOutcome> People,
    IReadOnlyList<string> Warnings);
