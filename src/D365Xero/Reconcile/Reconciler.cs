using D365Xero.Mapping;
using D365Xero.Sync;
using D365Xero.Tables;
using D365Xero.Target.Xero.Model;

namespace D365Xero.Reconcile;

/// <summary>
/// `reconcile`: for every linked contact and item, what Dynamics would send today against what Xero holds now.
/// Master data flows one way (docs/product-rules.md#p-master-data-one-way): a difference is reported, never copied back.
/// </summary>
/// <remarks>
/// Xero is read in the fewest calls that also find duplicate names: every contact, archived included, 1,000 a page
/// (<c>GET /Contacts?includeArchived=true&amp;page=…</c>; docs/xero-rules.md#x-paging), and every item in one call, since
/// Items has neither paging nor an <c>IDs</c> filter (docs/xero-rules.md#x-item-no-paging). Reading the linked contacts by
/// <c>IDs=</c> would take one call per 50, and a page of 1,000 holds twenty times that; only an organisation holding over
/// twenty times more contacts than the connector links would read fewer by IDs, and it could not see duplicates then.
/// </remarks>
public sealed class Reconciler(SyncConnection connection)
{
    public const string ContactsPurpose = "contacts: every contact, archived included, 1,000 a page";
    public const string ItemsPurpose = "items: every item, one call (Items has no paging and no IDs filter)";

    public async Task<ReconcileReport> RunAsync(CancellationToken ct)
    {
        var at = connection.Time.GetUtcNow();
        var linked = await LinkedRecord.ReadAsync(connection.Store, connection.Name, ct);
        var accounts = linked.Where(l => l.Table == SyncedTables.Account.Name).ToList();
        var individuals = linked.Where(l => l.Table == SyncedTables.Contact.Name).ToList();
        var products = linked.Where(l => l.Table == SyncedTables.Product.Name).ToList();
        var meter = new XeroCallMeter(connection.Xero);

        var contacts = accounts.Count + individuals.Count == 0 ? [] : await meter.MeasureAsync(ContactsPurpose, async () =>
        {
            var all = new List<XeroContact>();
            await foreach (var contact in connection.Xero.GetAllContactsAsync(cancellationToken: ct)) all.Add(contact);
            return all;
        });
        var items = products.Count == 0 ? [] : await meter.MeasureAsync(ItemsPurpose, () => connection.Xero.GetItemsAsync(cancellationToken: ct));

        var expected = new ExpectedPayloads(connection.Reader, connection.Options);
        var contactsById = contacts.Where(c => c.ContactID is not null).ToDictionary(c => c.ContactID!.Value);
        var itemsById = items.Where(i => i.ItemID is not null).ToDictionary(i => i.ItemID!.Value);
        var tables = new List<TableReconcile>();
        if (accounts.Count > 0)
            tables.Add(await CompareAsync(SyncedTables.Account.Name, accounts, chunk => expected.AccountsAsync(chunk, ct), contactsById, ContactFinding, ct));
        if (individuals.Count > 0)
            tables.Add(await CompareAsync(SyncedTables.Contact.Name, individuals, chunk => expected.IndividualsAsync(chunk, ct), contactsById, ContactFinding, ct));
        if (products.Count > 0)
            tables.Add(await CompareAsync(SyncedTables.Product.Name, products, chunk => expected.ProductsAsync(chunk, ct), itemsById, ItemFinding, ct));
        tables = AddDuplicates(tables, linked, contacts);
        var report = new ReconcileReport(connection.Name, at, tables, meter.Calls);
        await DriftLog.RecordReconcileAsync(connection.Store, connection.Name, report, ct);
        return report;
    }

    private async Task<TableReconcile> CompareAsync<T>(
        string table, IReadOnlyList<LinkedRecord> linked, Func<IReadOnlyList<LinkedRecord>, Task<IReadOnlyDictionary<Guid, Expected<T>>>> read,
        IReadOnlyDictionary<Guid, T> xero, Func<LinkedRecord, Expected<T>, T?, DriftFinding?> compare, CancellationToken ct) where T : class
    {
        var findings = new List<DriftFinding>();
        int compared = 0, skipped = 0;
        // A batch of rows at a time, as the steps read them: memory stays flat however many rows are linked.
        foreach (var chunk in linked.Chunk(Math.Max(1, connection.BatchSize)))
        {
            var dynamics = await read(chunk);
            foreach (var record in chunk)
            {
                var side = dynamics[record.DynamicsId];
                if (side is { Deleted: false, Payload: null }) { skipped++; continue; }
                compared++;
                if (compare(record, side, xero.GetValueOrDefault(record.XeroId)) is { } finding) findings.Add(finding);
            }
        }
        return new TableReconcile(table, compared, skipped, findings);
    }

    internal static DriftFinding? ContactFinding(LinkedRecord record, Expected<XeroContact> dynamics, XeroContact? xero)
    {
        if (dynamics.Deleted)
            // A deleted row's contact is archived by the sync; one already archived is as it should be.
            return xero is null or { ContactStatus: "ARCHIVED" } ? null : Finding(record, xero.Name, DriftKind.MissingInDynamics, []);
        if (xero is null) return Finding(record, dynamics.Name, DriftKind.MissingInXero, []);
        var fields = PayloadComparer.Contacts(dynamics.Payload!, xero);
        if (fields.Count == 0) return null;
        var archived = dynamics.Payload!.ContactStatus == "ACTIVE" && xero.ContactStatus == "ARCHIVED";
        return Finding(record, dynamics.Name, archived ? DriftKind.ArchivedInXero : DriftKind.Differs, fields);
    }

    private static DriftFinding? ItemFinding(LinkedRecord record, Expected<XeroItem> dynamics, XeroItem? xero)
    {
        if (dynamics.Deleted) return xero is null ? null : Finding(record, xero.Name, DriftKind.MissingInDynamics, []);
        if (xero is null) return Finding(record, dynamics.Name, DriftKind.MissingInXero, []);
        var fields = PayloadComparer.Items(dynamics.Payload!, xero);
        return fields.Count == 0 ? null : Finding(record, dynamics.Name, DriftKind.Differs, fields);
    }

    private static DriftFinding Finding(LinkedRecord record, string? name, DriftKind kind, IReadOnlyList<FieldDifference> fields) =>
        new(record.Table, record.DynamicsId, record.Link.XeroId, name, kind, fields);

    /// <summary>
    /// Contacts sharing a name (cleaned, any case) of which at least one is linked: each linked one lists the others.
    /// A Xero contact no Dynamics row is linked to is not an error, and is listed only here. Xero keeps names unique
    /// among active contacts (docs/xero-rules.md#x-contact-name-unique-active), so a twin is archived, or differs in case or spacing.
    /// </summary>
    private static List<TableReconcile> AddDuplicates(List<TableReconcile> tables, IReadOnlyList<LinkedRecord> linked, IReadOnlyList<XeroContact> contacts)
    {
        var byXeroId = linked.Where(l => l.Table != SyncedTables.Product.Name).GroupBy(l => l.XeroId).ToDictionary(g => g.Key, g => g.First());
        var twins = new Dictionary<string, List<DriftFinding>>();
        foreach (var group in contacts.Where(c => c.ContactID is not null).GroupBy(c => XeroContactIndex.NormaliseName(c.Name)).Where(g => g.Key.Length > 0 && g.Count() > 1))
        {
            foreach (var contact in group)
            {
                if (!byXeroId.TryGetValue(contact.ContactID!.Value, out var record)) continue;
                var others = group.Where(o => o.ContactID != contact.ContactID)
                    .Select(o => new XeroTwin(o.ContactID!.Value, o.Name, o.ContactStatus, byXeroId.ContainsKey(o.ContactID!.Value))).ToList();
                var finding = new DriftFinding(record.Table, record.DynamicsId, record.Link.XeroId, contact.Name, DriftKind.DuplicateName, [], others);
                (twins.TryGetValue(record.Table, out var list) ? list : twins[record.Table] = []).Add(finding);
            }
        }
        return tables.Select(t => twins.TryGetValue(t.Table, out var found) ? t with { Findings = [.. t.Findings, .. found] } : t).ToList();
    }
}
