namespace D365Xero.Emulators.Dataverse;

/// <summary>One $expand item, e.g. <c>order_details($select=quantity,priceperunit)</c>.</summary>
internal sealed record ExpandOption(string Navigation, IReadOnlyList<string>? Select, string? Filter);
