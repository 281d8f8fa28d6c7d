using System.Globalization;
using D365Xero.Emulators.Xero.Common;
using D365Xero.Emulators.Xero.Contacts;
using D365Xero.Emulators.Xero.Items;
using D365Xero.Emulators.Xero.Organisation;
using D365Xero.Emulators.Xero.Webhooks;

namespace D365Xero.Emulators.Xero.Invoices;

/// <summary>The organisation's invoices and bills. Not thread-safe: callers hold the organisation's lock.</summary>
internal sealed class InvoiceLedger(ContactBook contacts, ItemCatalog items, ISet<string> enabledCurrencies, OrganisationSettings settings, ChangeFeed changes)
{
    private readonly List<Invoice> _invoices = [];
    // Lookups kept in step with every add and replace: a back-fill of 50,000 invoices costs no scan per invoice.
    private readonly Dictionary<Guid, int> _positions = [];
    private readonly KeyPositions _numbers = new();
    private int _lastNumber;

    public IReadOnlyList<Invoice> All => _invoices;

    public void Clear()
    {
        _invoices.Clear();
        _positions.Clear();
        _numbers.Clear();
        _lastNumber = 0;
    }

    public Invoice? Find(Guid id) => _positions.TryGetValue(id, out var at) ? _invoices[at] : null;

    /// <summary>The first invoice (in the ledger's order) with this number.</summary>
    public Invoice? FindByNumber(string number) => _numbers.First(number) is { } at ? _invoices[at] : null;

    private void Put(Invoice invoice, int at)
    {
        if (at < _invoices.Count)
        {
            _numbers.Remove(_invoices[at].InvoiceNumber, at);
            _invoices[at] = invoice;
        }
        else
        {
            _invoices.Add(invoice);
        }
        _positions[invoice.InvoiceID!.Value] = at;
        _numbers.Add(invoice.InvoiceNumber, at);
    }

    public Invoice? FindByKey(string key) => Guid.TryParse(key, out var id) ? Find(id) ?? FindByNumber(key) : FindByNumber(key);

    /// <summary>Tracked items that appear on an invoice cannot be deleted (docs/xero-rules.md#x-item-delete; developer.xero.com/documentation/api/items).</summary>
    public bool UsesItem(string code) =>
        _invoices.Any(i => (i.LineItems ?? []).Any(l => string.Equals(l.ItemCode, code, StringComparison.OrdinalIgnoreCase)));

    public BatchOutcome<Invoice> Create(Invoice input, DateTimeOffset now)
    {
        InvoiceInput.DropReadOnly(input);
        var errors = new List<string>();
        var invoice = XeroJson.Clone(input);
        invoice.Status ??= "DRAFT";
        invoice.LineAmountTypes ??= "Exclusive";
        invoice.CurrencyCode ??= ReferenceData.BaseCurrency;
        invoice.Date ??= now.UtcDateTime.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        if (invoice.Type is null) errors.Add(InvoiceRules.TypeRequired);
        else if (!InvoiceRules.Types.Contains(invoice.Type)) errors.Add($"Invoice Type '{invoice.Type}' is not supported.");
        if (!InvoiceRules.CanCreateIn(invoice.Status)) errors.Add(InvoiceRules.InvalidStatusForCreation(invoice.Status));
        if (invoice.LineItems is not { Count: > 0 }) errors.Add(InvoiceRules.LineItemsRequired);
        if (invoice.Type == "ACCREC" && invoice.InvoiceNumber is { } number && FindByNumber(number)?.Type == "ACCREC")
            errors.Add(InvoiceRules.NumberTaken);
        CheckHeader(errors, invoice);
        CheckLines(errors, invoice);
        var contact = ResolveContact(errors, invoice.Contact, now, dryRun: true);
        if (errors.Count > 0) return new(input, errors);

        contact = ResolveContact(errors, invoice.Contact, now, dryRun: false)!;
        invoice.InvoiceID = Guid.NewGuid();
        // Rule: [SPEC] ACCREC numbers are generated from the org's settings when left out; docs/xero-rules.md#x-invoice-number-unique; developer.xero.com/documentation/api/invoices.
        if (invoice.Type == "ACCREC" && string.IsNullOrEmpty(invoice.InvoiceNumber)) invoice.InvoiceNumber = NextNumber();
        foreach (var line in invoice.LineItems!) line.LineItemID = Guid.NewGuid();
        invoice.Payments = [];
        invoice.CreditNotes = [];
        Finish(invoice, contact, now);
        Put(invoice, _invoices.Count);
        changes.Invoice(invoice.InvoiceID.Value, created: true, now);
        return BatchOutcome<Invoice>.Saved(XeroJson.Clone(invoice));
    }

    public BatchOutcome<Invoice> Update(Invoice stored, Invoice patch, DateTimeOffset now)
    {
        InvoiceInput.DropReadOnly(patch);
        patch.InvoiceID = stored.InvoiceID;
        patch.Type = stored.Type;
        var errors = new List<string>();

        // Rule: [issues] Xero-NetStandard#84: nothing changes once a payment is allocated, not even a void; docs/xero-rules.md#x-invoice-edit-lock.
        if (stored.Status == "PAID" || stored.AmountPaid > 0 || stored.AmountCredited > 0)
            return new(patch, [InvoiceRules.PaymentAllocated]);
        var target = patch.Status ?? stored.Status!;
        if (stored.Status is "VOIDED" or "DELETED" || (target != stored.Status && !InvoiceRules.CanMove(stored.Status!, target)))
            return new(patch, [InvoiceRules.InvalidStatusChange]);

        var merged = RecordMerge.Apply(stored, patch);
        if (patch.LineItems is not null) merged.LineItems = InvoiceInput.ReconcileLines(stored, patch.LineItems);
        if (merged.LineItems is not { Count: > 0 }) errors.Add(InvoiceRules.LineItemsRequired);
        if (merged.Type == "ACCREC" && patch.InvoiceNumber is { } number &&
            _invoices.Any(i => i != stored && i.Type == "ACCREC" && string.Equals(i.InvoiceNumber, number, StringComparison.OrdinalIgnoreCase)))
            errors.Add(InvoiceRules.NumberTaken);
        CheckHeader(errors, merged);
        CheckLines(errors, merged);
        // The stored contact is kept as is (a void must work even after the contact was archived);
        // only a contact sent with the update is looked up and checked again.
        if (patch.Contact is not null) ResolveContact(errors, patch.Contact, now, dryRun: true);
        if (errors.Count > 0) return new(patch, errors);

        var contact = patch.Contact is not null
            ? ResolveContact(errors, patch.Contact, now, dryRun: false)!
            : contacts.Find(stored.Contact!.ContactID!.Value)!;
        Finish(merged, contact, now);
        Put(merged, _positions[stored.InvoiceID!.Value]);
        changes.Invoice(merged.InvoiceID!.Value, created: false, now);
        return BatchOutcome<Invoice>.Saved(XeroJson.Clone(merged));
    }

    /// <summary>POST: update by InvoiceID, or by an existing ACCREC InvoiceNumber, else create.</summary>
    public BatchOutcome<Invoice> Upsert(Invoice input, DateTimeOffset now)
    {
        if (input.InvoiceID is { } id)
            return Find(id) is { } byId ? Update(byId, input, now) : new(input, [$"Invoice with InvoiceID {id} could not be found."]);
        if (input.Type is null or "ACCREC" && input.InvoiceNumber is { } number && FindByNumber(number) is { Type: "ACCREC" } byNumber)
            return Update(byNumber, input, now);
        return Create(input, now);
    }

    /// <summary>
    /// After a payment or an allocation is added or deleted: AmountPaid and AmountCredited are the sums of
    /// Payments[] and CreditNotes[].AppliedAmount, AmountDue what is left of Total. At zero the invoice is PAID,
    /// FullyPaidOnDate the latest payment or allocation date; above zero a PAID invoice is AUTHORISED again.
    /// Rule: [SPEC] Invoice AmountDue/AmountPaid/AmountCredited/FullyPaidOnDate; docs/xero-rules.md#x-invoice-paid-status;
    /// developer.xero.com/documentation/api/accounting/payments.
    /// </summary>
    public void Settle(Invoice invoice, DateTimeOffset now, IEnumerable<string> settledOn)
    {
        var paid = (invoice.Payments ?? []).Sum(p => p.Amount ?? 0);
        var credited = (invoice.CreditNotes ?? []).Sum(c => c.AppliedAmount ?? 0);
        invoice.AmountPaid = paid;
        invoice.AmountCredited = credited;
        invoice.AmountDue = (invoice.Total ?? 0) - paid - credited;
        if (invoice.AmountDue <= 0 && paid + credited > 0)
        {
            invoice.Status = "PAID";
            var dates = settledOn.Concat((invoice.Payments ?? []).Select(p => p.Date ?? ""))
                .Select(d => XeroDate.TryParse(d, out var at) ? at : DateTimeOffset.MinValue).Where(d => d != DateTimeOffset.MinValue).ToList();
            invoice.FullyPaidOnDate = XeroDate.Format(dates.Count > 0 ? dates.Max() : now);
        }
        else if (invoice.Status == "PAID")
        {
            invoice.Status = "AUTHORISED";
            invoice.FullyPaidOnDate = null;
        }
        invoice.UpdatedDateUTC = XeroDate.Format(now);
        changes.Invoice(invoice.InvoiceID!.Value, created: false, now);
    }

    private void CheckHeader(List<string> errors, Invoice invoice)
    {
        FieldLength.Check(errors, "InvoiceNumber", invoice.InvoiceNumber, 255);
        FieldLength.Check(errors, "Reference", invoice.Reference, 255);
        if (!InvoiceRules.LineAmountTypeValues.Contains(invoice.LineAmountTypes)) errors.Add(InvoiceRules.InvalidLineAmountTypes(invoice.LineAmountTypes!));
        if (!enabledCurrencies.Contains(invoice.CurrencyCode!)) errors.Add(InvoiceRules.CurrencyNotEnabled(invoice.CurrencyCode!));
        // Rule: [SPEC] Status enum; docs/xero-rules.md#x-invoice-status-transitions; XeroAPI/Xero-NetStandard#79.
        if (invoice.Status is not ("DRAFT" or "SUBMITTED" or "AUTHORISED" or "DELETED" or "VOIDED" or "PAID"))
            errors.Add($"Invoice Status '{invoice.Status}' is not valid.");
        foreach (var (name, value) in new[] { ("Date", invoice.Date), ("DueDate", invoice.DueDate) })
            if (value is not null && !XeroDate.TryParse(value, out _)) errors.Add($"{name} '{value}' is not a valid date.");
        ReferenceRules.CheckHeader(errors, invoice, settings);
    }

    private void CheckLines(List<string> errors, Invoice invoice)
    {
        foreach (var line in invoice.LineItems ?? [])
        {
            FieldLength.Check(errors, "Description", line.Description, 4000);
            if ((line.DiscountRate is not null || line.DiscountAmount is not null) && invoice.Type != "ACCREC")
                errors.Add(InvoiceRules.DiscountNotAllowed);
            if (line.ItemCode is { } code)
            {
                // Rule: [SPEC] ItemCode must be an Item's Code; the item's sales (or purchase) details fill in what the line omits.
                if (items.FindByCode(code) is not { } item) { errors.Add(InvoiceRules.ItemNotFound(code)); continue; }
                var details = invoice.Type == "ACCPAY" ? item.PurchaseDetails : item.SalesDetails;
                line.Description ??= invoice.Type == "ACCPAY" ? item.PurchaseDescription : item.Description;
                line.UnitAmount ??= details?.UnitPrice;
                line.AccountCode ??= details?.AccountCode;
                line.TaxType ??= details?.TaxType;
                line.Item = new LineItemItem(item.ItemID, item.Code, item.Name);
            }
            // Rule: a line naming an account and no tax type takes the account's default (docs/xero-rules.md#x-account-default-tax).
            if (line.AccountCode is { } account) line.TaxType ??= settings.AccountByCode(account)?.TaxType;
            ReferenceRules.CheckLine(errors, line, settings);
        }
    }

    /// <summary>
    /// Finds the invoice's contact by ContactID, ContactNumber or Name. A Name that matches no contact creates
    /// one, as Xero does. Rule: [SPEC] example error; archived contacts refused ([H-archive]); docs/xero-rules.md#x-invoice-contact-identified; developer.xero.com/documentation/api/invoices; docs/xero-rules.md#x-invoice-archived-contact-refused; help.xero.com/uk/Contacts-Archive.
    /// </summary>
    internal Contact? ResolveContact(List<string> errors, Contact? reference, DateTimeOffset now, bool dryRun)
    {
        if (reference is null || (reference.ContactID is null && string.IsNullOrEmpty(reference.ContactNumber) && string.IsNullOrEmpty(reference.Name)))
        {
            errors.Add(InvoiceRules.ContactNotIdentified);
            return null;
        }
        Contact? found = reference.ContactID is { } id ? contacts.Find(id)
            : !string.IsNullOrEmpty(reference.ContactNumber) ? contacts.FindByNumber(reference.ContactNumber)
            : contacts.FindActiveByName(reference.Name!) ?? contacts.All.FirstOrDefault(c => string.Equals(c.Name, reference.Name, StringComparison.OrdinalIgnoreCase));
        if (found is null && reference.ContactID is { } missing)
        {
            errors.Add(InvoiceRules.ContactNotFound(missing));
            return null;
        }
        if (found is not null && !found.IsActive)
        {
            errors.Add(InvoiceRules.ContactArchived);
            return null;
        }
        if (found is not null || dryRun) return found;
        if (string.IsNullOrEmpty(reference.Name))
        {
            errors.Add(InvoiceRules.ContactNotIdentified);
            return null;
        }
        var created = contacts.Create(new Contact { Name = reference.Name, ContactNumber = reference.ContactNumber }, now);
        return created.Failed ? null : contacts.Find(created.Element.ContactID!.Value);
    }

    private void Finish(Invoice invoice, Contact contact, DateTimeOffset now)
    {
        invoice.Contact = new Contact { ContactID = contact.ContactID, Name = contact.Name, ContactNumber = contact.ContactNumber, ContactStatus = contact.ContactStatus };
        contacts.MarkCustomer(contact.ContactID!.Value, invoice.Type == "ACCREC");
        XeroDate.TryParse(invoice.Date!, out var date);
        invoice.Date = XeroDate.Format(date);
        invoice.DateString = XeroDate.FormatIso(date);
        if (invoice.DueDate is not null && XeroDate.TryParse(invoice.DueDate, out var due))
        {
            invoice.DueDate = XeroDate.Format(due);
            invoice.DueDateString = XeroDate.FormatIso(due);
        }
        InvoiceTotals.Compute(invoice, settings);
        invoice.UpdatedDateUTC = XeroDate.Format(now);
    }

    private string NextNumber()
    {
        string candidate;
        do candidate = $"INV-{++_lastNumber:0000}";
        while (FindByNumber(candidate) is not null);
        return candidate;
    }
}
