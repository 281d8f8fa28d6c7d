namespace D365Xero.Configuration;

/// <summary>When an invoice becomes AUTHORISED in Xero (<c>Sync:AuthoriseWhen</c>).</summary>
public enum AuthoriseWhen
{
    /// <summary>Invoices stay DRAFT.</summary>
    Never,
    /// <summary>Once the order is fulfilled.</summary>
    Fulfilled,
    /// <summary>Once the order is invoiced.</summary>
    Invoiced,
}
