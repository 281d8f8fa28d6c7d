namespace D365Xero.Emulators.Dataverse;

/// <summary>
/// A one-to-many navigation such as salesorder.order_details → salesorderdetail.salesorderid
/// (metadata-crm-sales-extract.xml), with what deleting the parent does to the children.
/// </summary>
internal sealed record CollectionNavigation(string Name, string ChildTable, string ChildLookup, CascadeDelete OnDelete);
