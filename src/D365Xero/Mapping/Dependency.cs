namespace D365Xero.Mapping;

/// <summary>A Dynamics row that must reach Xero before the row that points at it (e.g. an order's customer or product).</summary>
/// <param name="Table">Logical name: <c>account</c>, <c>contact</c> or <c>product</c>.</param>
public readonly record struct Dependency(string Table, Guid Id);
