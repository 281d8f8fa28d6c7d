using D365Xero.Target.Xero.Model;

namespace D365Xero.Mapping;

/// <summary>
/// One Xero invoice computed from a sales order and its lines: what to do (<see cref="Decision"/>),
/// the payload when it is sent, and otherwise the error, the reason or what it waits for.
/// </summary>
/// <param name="Lines">
/// The key of each payload line, index for index with <c>Payload.LineItems</c>: Xero answers with the
/// lines in the order sent, so the caller pairs each returned LineItemID with its key and remembers it.
/// </param>
public sealed record InvoiceMapping(XeroInvoice? Payload, string? Error, IReadOnlyList<string> Warnings, IReadOnlyList<LineKey> Lines)
{
    public MappingDecision Decision { get; init; } = Error is null ? MappingDecision.Send : MappingDecision.Fail;

    /// <summary>Why the order is skipped or waits; null when sent or failed.</summary>
    public string? Reason { get; init; }

    /// <summary>The rows that must reach Xero first; empty unless <see cref="Decision"/> is <see cref="MappingDecision.Wait"/>.</summary>
    public IReadOnlyList<Dependency> WaitingFor { get; init; } = [];

    /// <summary>A cancelled order's paid invoice is credited instead of changed; null otherwise.</summary>
    public InvoiceCredit? Credit { get; init; }

    public static InvoiceMapping Send(XeroInvoice payload, IReadOnlyList<string> warnings, IReadOnlyList<LineKey> lines) =>
        new(payload, null, warnings, lines);

    public static InvoiceMapping Fail(string error, IReadOnlyList<string> warnings) => new(null, error, warnings, []);

    public static InvoiceMapping Skip(string reason) => new(null, null, [], []) { Decision = MappingDecision.Skip, Reason = reason };

    public static InvoiceMapping Wait(string reason, IReadOnlyList<Dependency> waitingFor) =>
        new(null, null, [], []) { Decision = MappingDecision.Wait, Reason = reason, WaitingFor = waitingFor };
}
