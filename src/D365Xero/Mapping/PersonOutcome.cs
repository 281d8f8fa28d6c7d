namespace D365Xero.Mapping;

/// <summary>What became of one Dynamics contact in its account's Xero contact.</summary>
public sealed record PersonOutcome(Guid ContactId, PersonRole Role, string? Reason = null);
