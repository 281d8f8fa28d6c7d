using D365Xero.Emulators.Xero.Contacts;
using D365Xero.Emulators.Xero.Invoices;
using D365Xero.Emulators.Xero.CreditNotes;
using D365Xero.Emulators.Xero.Items;
using D365Xero.Emulators.Xero.Payments;
using D365Xero.Emulators.Xero.Webhooks;

namespace D365Xero.Emulators.Xero.Organisation;

/// <summary>The one organisation's books. Every read and write holds <see cref="Sync"/>: one lock keeps cross-resource rules simple.</summary>
internal sealed class XeroOrganisation
{
    public XeroOrganisation(Guid tenantId)
    {
        TenantId = tenantId;
        Contacts = new ContactBook(Changes);
        ContactGroups = new ContactGroupBook(Contacts);
        Items = new ItemCatalog(Settings);
        Invoices = new InvoiceLedger(Contacts, Items, EnabledCurrencies, Settings, Changes);
        Payments = new PaymentLedger(Invoices, Settings);
        CreditNotes = new CreditNoteBook(Invoices, EnabledCurrencies, Settings, Changes);
    }

    public object Sync { get; } = new();

    public Guid TenantId { get; }

    /// <summary>Every create and update of a contact, invoice or credit note, for webhooks.</summary>
    public ChangeFeed Changes { get; } = new();

    public ContactBook Contacts { get; }

    public ContactGroupBook ContactGroups { get; }

    public OrganisationSettings Settings { get; } = new();

    public ItemCatalog Items { get; }

    public InvoiceLedger Invoices { get; }

    public PaymentLedger Payments { get; }

    public CreditNoteBook CreditNotes { get; }

    public HashSet<string> EnabledCurrencies { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Back to reference data plus the named seed. Caller holds <see cref="Sync"/>.</summary>
    public void Reset(string? seed, DateTimeOffset now)
    {
        Contacts.Clear();
        ContactGroups.Clear();
        Items.Clear();
        Invoices.Clear();
        Payments.Clear();
        CreditNotes.Clear();
        EnabledCurrencies.Clear();
        Settings.Reset(now);
        EnabledCurrencies.UnionWith(ReferenceData.InitiallyEnabled);
        if (string.Equals(seed, "demo", StringComparison.OrdinalIgnoreCase)) DemoSeed.Plant(this, now);
        else if (seed is not null) throw new ArgumentException($"Unknown seed '{seed}'. Use null or \"demo\".", nameof(seed));
    }
}
