using D365Xero.Source.Rows;
using D365Xero.Sync;
using D365Xero.Sync.Steps;
using D365Xero.WriteBack;
using Spec = D365Xero.WriteBack.WriteBackColumnSpec;

namespace D365Xero.Tables;

/// <summary>The synced tables, each declared once. Nothing else in the code lists them.</summary>
public static class SyncedTables
{
    /// <summary>A contact travels inside its parent account's Xero contact (as one of its people); its changes queue that account. With
    /// Sync:StandaloneContacts a contact without an account is an individual customer with a Xero contact of its own (ContactStep).</summary>
    public static readonly SyncedTable Contact = new()
    {
        DrainOrder = 0,
        Name = "contact", Noun = "contact", Plural = "Contacts", EntitySet = "contacts", Key = "contactid", NameColumn = "fullname", Columns = ContactRow.Columns,
        // parentcustomerid is polymorphic (account or contact); only an account parent counts (ContactRow).
        Parent = new ParentLookup("parentcustomerid", "account", d => d.Account, d => d.Own == true),
        WriteBack = Spec.Standard(),
        Summary = "Contacts → people of their account's Xero contact (skipped ones say why on their row)",
        Step = s => new ContactStep(s),
    };

    public static readonly SyncedTable Account = new()
    {
        DrainOrder = 1,
        Name = "account", Noun = "customer", Plural = "Accounts", EntitySet = "accounts", Key = "accountid", NameColumn = "name", Columns = AccountRow.Columns,
        WriteBack = [.. Spec.Standard(Spec.XeroId("ContactId", "Xero Contact ID", "The ContactID of this account's Xero contact.")), Spec.Url],
        XeroElement = "Contact", XeroUrl = XeroWebLinks.Contact, Summary = "Accounts → Xero contacts",
        Step = s => new AccountStep(s),
    };

    public static readonly SyncedTable Product = new()
    {
        DrainOrder = 2,
        Name = "product", Noun = "product", Plural = "Products", EntitySet = "products", Key = "productid", NameColumn = "name", Columns = ProductRow.Columns,
        WriteBack = [.. Spec.Standard(Spec.XeroId("ItemId", "Xero Item ID", "The ItemID of this product's Xero item.")), Spec.Url],
        XeroElement = "Item", XeroUrl = XeroWebLinks.Item, Summary = "Products → Xero items",
        Step = s => new ProductStep(s),
    };

    /// <summary>An order line travels inside its order's invoice; a changed, added or deleted line re-sends its order.</summary>
    public static readonly SyncedTable OrderLine = new()
    {
        DrainOrder = 3,
        Name = "salesorderdetail", Noun = "order line", EntitySet = "salesorderdetails", Key = "salesorderdetailid", Columns = SalesOrderLineRow.Columns,
        Parent = new ParentLookup("salesorderid", "salesorder", d => d.Parent),
        Step = s => new OrderLineFanout(s),
    };

    public static readonly SyncedTable Order = new()
    {
        DrainOrder = 4,
        Name = "salesorder", Noun = "order", Plural = "Orders", EntitySet = "salesorders", Key = "salesorderid", NameColumn = "name", Columns = SalesOrderRow.Columns,
        WriteBack =
        [
            .. Spec.Standard(
                Spec.XeroId("InvoiceId", "Xero Invoice ID", "The InvoiceID of this order's Xero invoice."),
                Spec.XeroNumber("InvoiceNumber", "Xero Invoice Number", "The number Xero gave this order's invoice.")),
            Spec.Url,
            .. Spec.InvoiceLife(),
        ],
        XeroElement = "Invoice", XeroUrl = XeroWebLinks.Invoice, Summary = "Orders → Xero invoices",
        DependsOn = [Account.Name, Contact.Name, Product.Name],
        Step = s => new OrderStep(s),
    };

    /// <summary>Every synced table, in the order people read them (`check`, `status`); each says where the drain works it.</summary>
    public static readonly TableRegistry Default = new([Account, Contact, Product, Order, OrderLine]);
}
