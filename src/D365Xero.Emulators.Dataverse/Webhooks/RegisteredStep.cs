namespace D365Xero.Emulators.Dataverse;

/// <summary>An enabled webhook step resolved from sdkmessageprocessingstep rows: its endpoint and images.</summary>
internal sealed record RegisteredStep(
    Guid Id,
    int Mode,
    IReadOnlySet<string> FilteringAttributes,
    Row Endpoint,
    IReadOnlyList<Row> Images);
