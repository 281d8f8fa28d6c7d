using D365Xero.Target.Xero.Model;

namespace D365Xero.Mapping;

/// <summary>
/// One Xero item computed from a product: what to do (<see cref="Decision"/>), the payload when
/// it is sent, the error or reason otherwise, and warnings about text or amounts that were changed.
/// </summary>
public sealed record ItemMapping(XeroItem? Payload, string? Error, IReadOnlyList<string> Warnings)
{
    public MappingDecision Decision { get; init; } = Error is null ? MappingDecision.Send : MappingDecision.Fail;

    /// <summary>Why the product is skipped or its item deleted; null when sent or failed.</summary>
    public string? Reason { get; init; }

    public static ItemMapping Send(XeroItem payload, IReadOnlyList<string> warnings) => new(payload, null, warnings);

    public static ItemMapping Fail(string error, IReadOnlyList<string> warnings) => new(null, error, warnings);

    public static ItemMapping Skip(string reason) => new(null, null, []) { Decision = MappingDecision.Skip, Reason = reason };

    /// <summary>The caller deletes the linked Xero item by its ItemID; without a link there is nothing to delete.</summary>
    public static ItemMapping Delete(string reason) => new(null, null, []) { Decision = MappingDecision.Delete, Reason = reason };
}
