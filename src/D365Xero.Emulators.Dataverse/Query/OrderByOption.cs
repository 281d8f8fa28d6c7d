namespace D365Xero.Emulators.Dataverse;

/// <summary>One $orderby key.</summary>
internal sealed record OrderByOption(string Property, bool Descending);
