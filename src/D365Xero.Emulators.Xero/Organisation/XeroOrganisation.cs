using D365Xero.Emulators.Xero.Contacts;
using D365Xero.Emulators.Xero.Invoices;
using D365Xero.Emulators.Xero.Items;

namespace D365Xero.Emulators.Xero.Organisation;

/// <summary>The one organisation's books. Every read and write holds <see cref="Sync"/>: one lock keeps cross-resource rules simple.</summary>
internal sealed class XeroOrganisation
{
    public XeroOrganisation(Guid tenantId)
    {
        TenantId = tenantId;
        Items = new ItemCatalog(Settings);
        Invoices = new InvoiceLedger(Contacts, Items, EnabledCurrencies, Settings);
    }

    public object Sync { get; } = new();

    public Guid TenantId { get; }

    public ContactBook Contacts { get; } = new();

    public OrganisationSettings Settings { get; } = new();

    public ItemCatalog Items { get; }

    public InvoiceLedger Invoices { get; }

    public HashSet<string> EnabledCurrencies { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Back to reference data plus the named seed. Caller holds <see cref="Sync"/>.</summary>
    public void Reset(string? seed, DateTimeOffset now)
    {
        Contacts.Clear();
        Items.Clear();
        Invoices.Clear();
        EnabledCurrencies.Clear();
        Settings.Reset(now);
        EnabledCurrencies.UnionWith(ReferenceData.InitiallyEnabled);
        if (string.Equals(seed, "demo", StringComparison.OrdinalIgnoreCase)) DemoSeed.Plant(this, now);
        else if (seed is not null) throw new ArgumentException($"Unknown seed '{seed}'. Use null or \"demo\".", nameof(seed));
    }
}
