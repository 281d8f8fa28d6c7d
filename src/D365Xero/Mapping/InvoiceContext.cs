using D365Xero.Configuration;

namespace D365Xero.Mapping;

/// <summary>What the invoice mapper needs besides the order's rows, resolved by the caller (the mapper does no I/O).</summary>
public sealed record InvoiceContext
{
    /// <summary>
    /// The ContactID of the customer's synced Xero contact (for a contact customer: its parent
    /// account's), or null when the customer is not in Xero yet, which makes the order wait.
    /// </summary>
    public required Guid? CustomerContactId { get; init; }

    /// <summary>productid → the Code of its synced Xero item; a product missing here is not in Xero yet.</summary>
    public required IReadOnlyDictionary<Guid, string> ItemCodes { get; init; }

    /// <summary>transactioncurrencyid → ISO code.</summary>
    public required IReadOnlyDictionary<Guid, string> CurrencyCodes { get; init; }

    public required SyncOptions Options { get; init; }

    /// <summary>The LineItemIDs Xero gave each line last time (see <see cref="InvoiceMapping.Lines"/>); empty for a new invoice.</summary>
    public IReadOnlyDictionary<LineKey, Guid> LineItemIds { get; init; } = new Dictionary<LineKey, Guid>();

    /// <summary>Each order line's coding (account, tax type, tracking) by line id; a line missing here takes the order's.</summary>
    public IReadOnlyDictionary<Guid, LineCoding> Coding { get; init; } = new Dictionary<Guid, LineCoding>();

    /// <summary>The coding of lines that belong to the order as a whole (discount, freight): order columns only. Null: the options.</summary>
    public LineCoding? OrderCoding { get; init; }

    /// <summary>The order row as Dataverse returned it, for the mapped invoice fields (Mapping:Invoice); null: none.</summary>
    public System.Text.Json.Nodes.JsonObject? OrderColumns { get; init; }

    /// <summary>The order's Xero invoice, when it has one.</summary>
    public Guid? InvoiceId { get; init; }

    /// <summary>
    /// The invoice's status in Xero as last seen (DRAFT, SUBMITTED, AUTHORISED, PAID, VOIDED, DELETED),
    /// or null when it has none. Needed to cancel: DELETED and VOIDED are reached from different states.
    /// </summary>
    public string? XeroStatus { get; init; }

    /// <summary>The invoice's AmountPaid in Xero as last seen; 0 when unknown or none.</summary>
    public decimal AmountPaid { get; init; }

    /// <summary>The invoice as Xero holds it now, when it was read for this pass (a cancellation that credits it needs its total and contact).</summary>
    public Target.Xero.Model.XeroInvoice? Current { get; init; }

    /// <summary>The credit note the connector already raised for this cancelled order's paid invoice, if any.</summary>
    public string? CreditedBy { get; init; }
}
