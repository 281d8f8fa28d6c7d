namespace D365Xero.Emulators.Xero.Invoices;

/// <summary>What the emulator does to an invoice as sent before it is checked: Xero's own fields dropped, line ids settled.</summary>
internal static class InvoiceInput
{
    /// <summary>
    /// Rule: lines sent with a known LineItemID keep it; lines without one are recreated with a new ID;
    /// stored lines left out are deleted (waynerobinson/xeroizer#238); docs/xero-rules.md#x-invoice-line-item-id.
    /// </summary>
    public static List<LineItem> ReconcileLines(Invoice stored, List<LineItem> sent)
    {
        var known = (stored.LineItems ?? []).Select(l => l.LineItemID).ToHashSet();
        foreach (var line in sent)
            if (line.LineItemID is null || !known.Contains(line.LineItemID)) line.LineItemID = Guid.NewGuid();
        return sent;
    }

    /// <summary>Totals, amounts and flags are Xero's to compute ([SPEC] read-only).</summary>
    public static void DropReadOnly(Invoice invoice)
    {
        invoice.SubTotal = invoice.TotalTax = invoice.Total = invoice.TotalDiscount = null;
        invoice.AmountDue = invoice.AmountPaid = invoice.AmountCredited = null;
        invoice.FullyPaidOnDate = invoice.UpdatedDateUTC = invoice.DateString = invoice.DueDateString = null;
        invoice.IsDiscounted = invoice.HasErrors = null;
        invoice.StatusAttributeString = null;
        invoice.ValidationErrors = null;
        // Payments and credit notes reach an invoice only through /Payments and /CreditNotes/{id}/Allocations.
        invoice.Payments = null;
        invoice.CreditNotes = null;
    }
}
