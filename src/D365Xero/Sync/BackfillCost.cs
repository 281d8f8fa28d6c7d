namespace D365Xero.Sync;

/// <summary>
/// What a back-fill will spend of the organisation's Xero budget, by purpose: the reads matching needs (measured: the dry run makes
/// the same reads the real run makes first), the round trip's invoice poll after the writes, and the writes, one batched call per
/// <c>Xero:BatchSize</c> rows each table sends. Against <c>Xero:DayLimit</c> (Starter allows 1,000 a day, docs/xero-rules.md#x-rate-limits;
/// developer.xero.com/documentation/guides/oauth2/limits/), how many days that is.
/// </summary>
/// <param name="Reads">Calls by purpose (contacts index, items, invoices index, the organisation's settings, invoice poll).</param>
/// <param name="Writes">Per table: the rows it sends and the batched calls they take.</param>
public sealed record BackfillCost(IReadOnlyList<BackfillCost.Read> Reads, IReadOnlyList<BackfillCost.Write> Writes, int BatchSize, int DayLimit)
{
    public sealed record Read(string Purpose, long Calls);

    public sealed record Write(string Table, long Rows, long Calls);

    public long ReadCalls => Reads.Sum(r => r.Calls);

    public long WriteCalls => Writes.Sum(w => w.Calls);

    public long Total => ReadCalls + WriteCalls;

    /// <summary>Days of <see cref="DayLimit"/> the calls take (at least one).</summary>
    public long Days => Math.Max(1, (Total + DayLimit - 1) / DayLimit);

    /// <summary>The round trip's poll, named apart from matching's invoice reads (<c>XeroClient.GetInvoicesModifiedSinceAsync</c>).</summary>
    public const string PollOperation = "GET Invoices (poll)";

    /// <summary>What a Xero operation is spent on, as `status` and the dry run name it.</summary>
    public static string PurposeOf(string operation) => operation switch
    {
        "GET Contacts" => "contacts index",
        "GET Items" => "items",
        "GET Invoices" => "invoices index",
        PollOperation => "invoice poll",
        "GET Accounts" or "GET Organisation" or "GET TrackingCategories" or "GET Currencies" or "GET TaxRates" or "GET BrandingThemes" => "organisation's settings",
        _ => operation,
    };

    private static readonly string[] ReadOrder = ["contacts index", "items", "invoices index", "organisation's settings"];

    /// <param name="plan">The dry run's plan.</param>
    /// <param name="readsMade">The Xero calls the dry run made, by operation (its reads for matching).</param>
    /// <param name="pollPages">Calls the invoice poll will make once the writes are done (0 when it is not due or no order reaches Xero).</param>
    public static BackfillCost Of(IReadOnlyList<PlannedChange> plan, IReadOnlyDictionary<string, long> readsMade, long pollPages, int batchSize, int dayLimit)
    {
        var reads = readsMade
            .Where(kv => kv.Value > 0 && kv.Key != "GET connections") // per token, not the organisation's budget
            .GroupBy(kv => PurposeOf(kv.Key))
            .Select(g => new Read(g.Key, g.Sum(kv => kv.Value)))
            .OrderBy(r => Array.IndexOf(ReadOrder, r.Purpose) is var i and >= 0 ? i : ReadOrder.Length).ThenBy(r => r.Purpose, StringComparer.Ordinal)
            .ToList();
        if (pollPages > 0) reads.Add(new Read(PurposeOf(PollOperation), pollPages));
        var writes = plan.Where(p => p.Sends).GroupBy(p => p.Table)
            .Select(g => new Write(g.Key, g.Count(), (g.Count() + batchSize - 1) / batchSize))
            .ToList();
        return new BackfillCost(reads, writes, batchSize, dayLimit);
    }
}
