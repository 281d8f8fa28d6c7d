namespace D365Xero.Sync;

/// <summary>Links that open a record in Xero's web app, written to the row's <c>xero_url</c> column.</summary>
public static class XeroWebLinks
{
    public const string Base = "https://go.xero.com";

    public static string Contact(string contactId) => $"{Base}/Contacts/View/{contactId}";
    public static string Item(string itemId) => $"{Base}/Accounts/Inventory/{itemId}";
    public static string Invoice(string invoiceId) => $"{Base}/AccountsReceivable/View.aspx?InvoiceID={invoiceId}";
}
