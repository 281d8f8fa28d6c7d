namespace D365Xero.Sync.Pacing;

/// <summary>What a table sends now: <paramref name="Batches"/> batches (a last partial one included when it goes), and, when rows were held for a fuller batch, the time they go at the latest.</summary>
public readonly record struct Pace(int Batches, DateTimeOffset? HoldUntil);
