using System.Globalization;
using D365Xero.Emulators.Xero.Common;
using D365Xero.Emulators.Xero.Invoices;
using D365Xero.Emulators.Xero.Organisation;
using D365Xero.Emulators.Xero.Webhooks;

namespace D365Xero.Emulators.Xero.CreditNotes;

/// <summary>The organisation's credit notes and their allocations to invoices. Not thread-safe: callers hold the organisation's lock.</summary>
internal sealed class CreditNoteBook(InvoiceLedger invoices, ISet<string> enabledCurrencies, OrganisationSettings settings, ChangeFeed changes)
{
    private readonly List<CreditNote> _notes = [];
    private readonly Dictionary<Guid, int> _positions = [];
    private int _lastNumber;

    public IReadOnlyList<CreditNote> All => _notes;

    public void Clear()
    {
        _notes.Clear();
        _positions.Clear();
        _lastNumber = 0;
    }

    public CreditNote? Find(Guid id) => _positions.TryGetValue(id, out var at) ? _notes[at] : null;

    /// <summary>GET /CreditNotes/{x}: a CreditNoteID or a CreditNoteNumber ([SPEC] getCreditNote).</summary>
    public CreditNote? FindByKey(string key) =>
        (Guid.TryParse(key, out var id) ? Find(id) : null) ?? _notes.FirstOrDefault(n => string.Equals(n.CreditNoteNumber, key, StringComparison.OrdinalIgnoreCase));

    public BatchOutcome<CreditNote> Create(CreditNote input, DateTimeOffset now)
    {
        DropReadOnly(input);
        var errors = new List<string>();
        var note = XeroJson.Clone(input);
        note.Status ??= "DRAFT";
        note.LineAmountTypes ??= "Exclusive";
        note.CurrencyCode ??= ReferenceData.BaseCurrency;
        note.Date ??= now.UtcDateTime.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (note.Type is null) errors.Add(CreditNoteRules.TypeRequired);
        else if (!CreditNoteRules.Types.Contains(note.Type)) errors.Add($"Credit note Type '{note.Type}' is not supported.");
        if (!InvoiceRules.CanCreateIn(note.Status)) errors.Add(CreditNoteRules.InvalidStatusForCreation(note.Status));
        if (note.Type == "ACCRECCREDIT" && note.CreditNoteNumber is { } number && FindByKey(number) is { Type: "ACCRECCREDIT" })
            errors.Add(CreditNoteRules.NumberTaken);
        Check(errors, note);
        invoices.ResolveContact(errors, note.Contact, now, dryRun: true);
        if (errors.Count > 0) return new(input, errors);

        var contact = invoices.ResolveContact(errors, note.Contact, now, dryRun: false)!;
        note.CreditNoteID = Guid.NewGuid();
        // Rule: like ACCREC invoices, an ACCRECCREDIT without a number is numbered from the organisation's settings ([SPEC] CreditNoteNumber); docs/xero-rules.md#x-credit-note-required-fields.
        if (note.Type == "ACCRECCREDIT" && string.IsNullOrEmpty(note.CreditNoteNumber)) note.CreditNoteNumber = NextNumber();
        foreach (var line in note.LineItems!) line.LineItemID = Guid.NewGuid();
        note.Contact = new Contacts.Contact { ContactID = contact.ContactID, Name = contact.Name, ContactNumber = contact.ContactNumber, ContactStatus = contact.ContactStatus };
        note.Allocations = [];
        note.Payments = [];
        Finish(note, now);
        note.RemainingCredit = note.Total;
        _positions[note.CreditNoteID.Value] = _notes.Count;
        _notes.Add(note);
        changes.CreditNote(note.CreditNoteID.Value, created: true, now, note.Type!, note.Status);
        return BatchOutcome<CreditNote>.Saved(XeroJson.Clone(note));
    }

    public BatchOutcome<CreditNote> Update(CreditNote stored, CreditNote patch, DateTimeOffset now)
    {
        DropReadOnly(patch);
        patch.CreditNoteID = stored.CreditNoteID;
        patch.Type = stored.Type;
        // Rule: a credit note with an allocation is locked as an invoice with a payment is (XeroAPI/Xero-NetStandard#84, waynerobinson/xeroizer#211); docs/xero-rules.md#x-invoice-edit-lock.
        if (stored.Status == "PAID" || stored.Allocations is { Count: > 0 }) return new(patch, [InvoiceRules.PaymentAllocated]);
        var target = patch.Status ?? stored.Status!;
        if (stored.Status is "VOIDED" or "DELETED" || (target != stored.Status && !InvoiceRules.CanMove(stored.Status!, target)))
            return new(patch, [InvoiceRules.InvalidStatusChange]);
        var merged = RecordMerge.Apply(stored, patch);
        if (patch.LineItems is not null)
            foreach (var line in patch.LineItems) line.LineItemID ??= Guid.NewGuid();
        var errors = new List<string>();
        Check(errors, merged);
        if (patch.Contact is not null) invoices.ResolveContact(errors, patch.Contact, now, dryRun: true);
        if (errors.Count > 0) return new(patch, errors);
        if (patch.Contact is not null)
        {
            var contact = invoices.ResolveContact(errors, patch.Contact, now, dryRun: false)!;
            merged.Contact = new Contacts.Contact { ContactID = contact.ContactID, Name = contact.Name, ContactNumber = contact.ContactNumber, ContactStatus = contact.ContactStatus };
        }
        Finish(merged, now);
        merged.RemainingCredit = merged.Total;
        _notes[_positions[stored.CreditNoteID!.Value]] = merged;
        changes.CreditNote(merged.CreditNoteID!.Value, created: false, now, merged.Type!, merged.Status!);
        return BatchOutcome<CreditNote>.Saved(XeroJson.Clone(merged));
    }

    /// <summary>POST: update by CreditNoteID, else create.</summary>
    public BatchOutcome<CreditNote> Upsert(CreditNote input, DateTimeOffset now)
    {
        if (input.CreditNoteID is not { } id) return Create(input, now);
        return Find(id) is { } stored ? Update(stored, input, now) : new(input, [$"Credit note with CreditNoteID {id} could not be found."]);
    }

    /// <summary>
    /// PUT /CreditNotes/{id}/Allocations, one allocation: the credit note AUTHORISED with credit left, the invoice
    /// AUTHORISED with as much due, both of one contact and currency and of matching types. The invoice's
    /// CreditNotes[], AmountCredited and AmountDue change (PAID at zero); the credit note's RemainingCredit falls
    /// (PAID at zero). Rule: [SPEC] createCreditNoteAllocation; docs/xero-rules.md#x-allocation-limits; waynerobinson/xeroizer#320.
    /// </summary>
    public BatchOutcome<Allocation> Allocate(CreditNote note, Allocation input, DateTimeOffset now)
    {
        var errors = new List<string>();
        Invoice? invoice = null;
        if (input.Invoice?.InvoiceID is not { } invoiceId) errors.Add(CreditNoteRules.InvoiceRequired);
        else if ((invoice = invoices.Find(invoiceId)) is null) errors.Add(CreditNoteRules.InvoiceNotFound(invoiceId));
        DateTimeOffset date = default;
        if (input.Date is null || !XeroDate.TryParse(input.Date, out date)) errors.Add(CreditNoteRules.DateRequired);
        if (input.Amount is not > 0) errors.Add(CreditNoteRules.AmountRequired);
        if (note.Status != "AUTHORISED") errors.Add(CreditNoteRules.NotAuthorised);
        else if (input.Amount > note.RemainingCredit) errors.Add(CreditNoteRules.ExceedsRemainingCredit);
        if (invoice is not null)
        {
            if ((note.Type == "ACCRECCREDIT") != (invoice.Type == "ACCREC")) errors.Add(CreditNoteRules.WrongInvoiceType);
            if (invoice.Status == "PAID") errors.Add(CreditNoteRules.InvoicePaidOff);
            else if (invoice.Status != "AUTHORISED") errors.Add(CreditNoteRules.InvoiceNotAuthorised);
            else if (input.Amount > invoice.AmountDue) errors.Add(CreditNoteRules.ExceedsInvoice);
            if (invoice.Contact?.ContactID != note.Contact?.ContactID) errors.Add(CreditNoteRules.OtherContact);
            if (!string.Equals(invoice.CurrencyCode, note.CurrencyCode, StringComparison.OrdinalIgnoreCase)) errors.Add(CreditNoteRules.OtherCurrency);
        }
        if (errors.Count > 0) return new(input, errors);

        var amount = input.Amount!.Value;
        var allocation = new Allocation
        {
            AllocationID = Guid.NewGuid(),
            Amount = amount,
            Date = XeroDate.Format(date.UtcDateTime.Date),
            IsDeleted = false,
            Invoice = new Invoice { InvoiceID = invoice!.InvoiceID, InvoiceNumber = invoice.InvoiceNumber, Type = invoice.Type },
        };
        (note.Allocations ??= []).Add(allocation);
        note.RemainingCredit -= amount;
        if (note.RemainingCredit == 0)
        {
            note.Status = "PAID";
            note.FullyPaidOnDate = allocation.Date;
        }
        note.UpdatedDateUTC = XeroDate.Format(now);

        invoice.CreditNotes ??= [];
        var entry = invoice.CreditNotes.FirstOrDefault(c => c.CreditNoteID == note.CreditNoteID);
        if (entry is null)
        {
            entry = new InvoiceCreditNote
            {
                CreditNoteID = note.CreditNoteID, CreditNoteNumber = note.CreditNoteNumber, Type = note.Type,
                Total = note.Total, AppliedAmount = 0, Date = note.Date, DateString = note.DateString,
            };
            invoice.CreditNotes.Add(entry);
        }
        entry.AppliedAmount += amount;
        entry.Status = note.Status;
        invoices.Settle(invoice, now, [allocation.Date]);
        changes.CreditNote(note.CreditNoteID!.Value, created: false, now, note.Type!, note.Status!);
        return BatchOutcome<Allocation>.Saved(XeroJson.Clone(allocation));
    }

    private void Check(List<string> errors, CreditNote note)
    {
        if (note.LineItems is not { Count: > 0 }) errors.Add(CreditNoteRules.LineItemsRequired);
        FieldLength.Check(errors, "CreditNoteNumber", note.CreditNoteNumber, 255);
        FieldLength.Check(errors, "Reference", note.Reference, 255);
        if (!InvoiceRules.LineAmountTypeValues.Contains(note.LineAmountTypes)) errors.Add(InvoiceRules.InvalidLineAmountTypes(note.LineAmountTypes!));
        if (!enabledCurrencies.Contains(note.CurrencyCode!)) errors.Add(InvoiceRules.CurrencyNotEnabled(note.CurrencyCode!));
        if (note.Status is not ("DRAFT" or "SUBMITTED" or "AUTHORISED" or "DELETED" or "VOIDED" or "PAID"))
            errors.Add($"Credit note Status '{note.Status}' is not valid.");
        if (note.Date is not null && !XeroDate.TryParse(note.Date, out _)) errors.Add($"Date '{note.Date}' is not a valid date.");
        foreach (var line in note.LineItems ?? [])
        {
            FieldLength.Check(errors, "Description", line.Description, 4000);
            // Rule: a line naming an account and no tax type takes the account's default (docs/xero-rules.md#x-account-default-tax).
            if (line.AccountCode is { } account) line.TaxType ??= settings.AccountByCode(account)?.TaxType;
            ReferenceRules.CheckLine(errors, line, settings);
        }
    }

    /// <summary>Dates in Xero's form, totals by the invoice arithmetic (docs/xero-rules.md#x-invoice-line-amount-types).</summary>
    private void Finish(CreditNote note, DateTimeOffset now)
    {
        XeroDate.TryParse(note.Date!, out var date);
        note.Date = XeroDate.Format(date);
        note.DateString = XeroDate.FormatIso(date);
        var shadow = new Invoice { LineItems = note.LineItems, LineAmountTypes = note.LineAmountTypes };
        InvoiceTotals.Compute(shadow, settings);
        note.SubTotal = shadow.SubTotal;
        note.TotalTax = shadow.TotalTax;
        note.Total = shadow.Total;
        note.CurrencyRate ??= 1m;
        note.UpdatedDateUTC = XeroDate.Format(now);
    }

    // Rule: allocations are never made with the credit note itself, only by PUT /CreditNotes/{id}/Allocations
    // (Xero support quoted in waynerobinson/xeroizer#196); docs/xero-rules.md#x-allocation-limits.
    private static void DropReadOnly(CreditNote note)
    {
        note.SubTotal = note.TotalTax = note.Total = note.RemainingCredit = null;
        note.Allocations = null;
        note.Payments = null;
        note.FullyPaidOnDate = note.UpdatedDateUTC = note.DateString = null;
        note.HasErrors = null;
        note.StatusAttributeString = null;
        note.ValidationErrors = null;
    }

    private string NextNumber()
    {
        string candidate;
        do candidate = $"CN-{++_lastNumber:0000}";
        while (FindByKey(candidate) is not null);
        return candidate;
    }
}
