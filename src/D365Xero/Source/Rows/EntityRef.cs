namespace D365Xero.Source.Rows;

/// <summary>A lookup's target; <see cref="Table"/> is null when Dataverse did not annotate it.</summary>
public readonly record struct EntityRef(string? Table, Guid Id);
