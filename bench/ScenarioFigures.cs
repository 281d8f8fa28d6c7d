namespace D365Xero.Bench;

/// <summary>
/// One scenario's figures, the keys of the JSON line. Rows are Dynamics rows that each become one Xero element
/// (accounts → contacts, products → items, orders → invoices); contacts and order lines travel inside those.
/// </summary>
public sealed record ScenarioFigures
{
    public required long Rows { get; init; }
    public required long XeroCalls { get; init; }
    public double XeroCallsPerRow => Rows == 0 ? 0 : (double)XeroCalls / Rows;
    /// <summary>Xero calls that wrote (the `live` scenario's contact POSTs); null where not counted apart.</summary>
    public long? XeroWrites { get; init; }
    public long? LowerBoundCalls { get; init; }
    /// <summary>Xero calls made ÷ calls the minute limit allowed over the time work was waiting.</summary>
    public double? MinuteBudgetUsed { get; init; }
    public required long Http429 { get; init; }
    public required long DataverseCalls { get; init; }
    public required double CpuMsPerRow { get; init; }
    public required double PeakMemoryMb { get; init; }
    public double? LatencyP50Ms { get; init; }
    public double? LatencyP99Ms { get; init; }

    /// <summary>Not in the JSON's required keys; printed under the table.</summary>
    public required TimeSpan Elapsed { get; init; }
    public long FailedRows { get; init; }
    public string? Note { get; init; }
}
