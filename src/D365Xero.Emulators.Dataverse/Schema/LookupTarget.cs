namespace D365Xero.Emulators.Dataverse;

/// <summary>
/// One table a lookup may point at, with the single-valued navigation property used to bind and expand it
/// (e.g. <c>parentcustomerid_account</c>). Source: metadata-crm-sales-extract.xml NavigationProperty names.
/// </summary>
internal sealed record LookupTarget(string Table, string NavigationProperty);
