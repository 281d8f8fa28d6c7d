namespace D365Xero.Emulators.Dataverse;

/// <summary>The stored value of a lookup: which table and row it points at.</summary>
internal readonly record struct EntityRef(string Table, Guid Id);
