using System.Runtime.CompilerServices;
using D365Xero.Errors;
using D365Xero.Journal;
using D365Xero.Sync.Pacing;
using D365Xero.Tables;
using Microsoft.Extensions.Logging;

namespace D365Xero.Sync;

/// <summary>
/// Drains a connection's journal, table by table in the registry's drain order, each batch by the
/// step its table declares. Every failure of a batch is handled here, once: transient → back off and
/// retry, up to <c>Sync:MaxAttempts</c>; a service unavailable (its circuit open) → the work waits for
/// its probe without counting an attempt; auth → the connection pauses with the reason; a refused
/// record is already recorded on its row by the step that met it.
/// </summary>
public sealed class SyncRunner(SyncConnection c)
{
    // At most 40 characters; a short machine name and a small process id make it shorter, never a crash.
    private readonly string _worker = Truncate($"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}", 40);

    private readonly BatchFailures _failures = new(c);

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];

    public ChangeCapture Capture { get; } = new(c);

    /// <summary>Reading Xero's side back: the invoices and credit notes Xero said changed, and the poll that backs up its webhooks.</summary>
    public RoundTrip.RoundTripWork RoundTrip { get; } = new(c);

    /// <summary>Captures changes, then works until nothing is ready. Returns when the journal is empty, or only holds work waiting for later.</summary>
    public async Task RunOnceAsync(bool waitForRetries, CancellationToken ct)
    {
        await Capture.CaptureAsync(c.Tables.InDrainOrder, ct);
        await DrainUntilIdleAsync(waitForRetries, ct);
        // Reads after writes: the poll spends what the writes left of the organisation's budget, never the other way round.
        await PollInvoicesAsync(ct);
    }

    private async Task DrainUntilIdleAsync(bool waitForRetries, CancellationToken ct)
    {
        while (true)
        {
            if (await DrainAsync(ct)) continue;
            if (c.Outages.Any)
            {
                // A service is unavailable: wait for its probe (a one-shot run at most Sync:OutageGiveUp), then drain again.
                await c.Outages.WaitForProbeAsync(waitForRetries, ct);
                continue;
            }
            var next = await c.Store.NextAvailableAsync(c.Name, ct);
            if (next is null || !waitForRetries) return;
            // A spent daily budget parks the organisation for hours: the run ends and `status` says until when.
            if (c.Xero.Budget.ParkedUntil is not null) return;
            var wait = next.Value - c.Time.GetUtcNow();
            if (wait > TimeSpan.Zero) await Task.Delay(wait, c.Time, ct);
        }
    }

    /// <summary>`serve`'s pacing of partial batches (<see cref="BatchPacer"/>); null in one-shot runs, which send everything ready.</summary>
    public BatchPacer? Pacing { get; init; }

    /// <summary>When the rows the last <see cref="DrainAsync"/> held back for a fuller batch go at the latest; null when it held none.</summary>
    public DateTimeOffset? HeldUntil { get; private set; }

    /// <summary>Works every batch that is ready now, in drain order; true when it worked any.</summary>
    public async Task<bool> DrainAsync(CancellationToken ct)
    {
        HeldUntil = null;
        // While a service is unavailable nothing is claimed: only its probe goes, when due.
        if (!await c.Outages.ProbeAsync(ct)) return false;
        var worked = false;
        // One look instead of a claim per table and lane: a live change leaves one row in one table, and a
        // claim (a write transaction) of each empty table on every wake-up cost more than the change itself.
        IReadOnlyDictionary<string, JournalLook>? look = null;
        Dictionary<string, JournalLook>? writing = null;
        foreach (var table in c.Tables.InDrainOrder)
        {
            look ??= await c.Store.LookAsync(c.Name, Pacing?.RecentSince() ?? c.Time.GetUtcNow(), ct);
            if (!look.TryGetValue(table.Name, out var mine) || mine.Pending == 0) continue;
            var batchSize = BatchSize(table);
            // How many batches to claim: all that are ready, or what the pacing sends now.
            var batches = int.MaxValue;
            if (Pacing is { } pacer && !table.IsFanOut)
            {
                var pace = pacer.Decide(table.Name, writing ??= Writing(look), batchSize);
                if (pace.HoldUntil is { } until && (HeldUntil is null || until < HeldUntil)) HeldUntil = until;
                if (pace.Batches == 0) continue;
                batches = pace.Batches;
            }
            // Tables that call Xero run several batches side by side, so the organisation's budget
            // (5 in flight, 60 a minute) is the limit rather than one batch's round trips; the
            // fan-out steps only read Dynamics and queue work. No more lanes than there are batches.
            var queued = Math.Min((mine.Pending + batchSize - 1) / batchSize, batches);
            var lanes = table.IsFanOut ? 1 : (int)Math.Clamp(queued, 1, Math.Max(1, c.Options.Parallelism));
            // A lane claims several of Xero's batches at once when there are more than lanes: one Dataverse read and one
            // write-back for all of them, while Xero still gets them 50 to a POST. A few batches still go one a lane, side by side.
            // Only while the day's budget carries every lane's claim twice over: a claim whose later POST is refused for the day
            // is put back whole, its earlier batches with it (sent again, matched by their keys, the next day), so near the
            // day's end one batch a claim keeps every call the day has left moving work forward.
            var perClaim = table.IsFanOut || c.Xero.Budget is not { ParkedUntil: null } budget || budget.DayRemaining < 2 * lanes * BatchesPerClaim
                ? 1
                : (int)Math.Clamp((queued + lanes - 1) / lanes, 1, BatchesPerClaim);
            var left = new StrongBox<int>(batches);
            var results = await Task.WhenAll(Enumerable.Range(0, lanes).Select(async _ =>
            {
                var any = false;
                while (!c.Outages.Any && Take(left, perClaim) is > 0 and var take && await WorkOneBatchAsync(table, take * batchSize, ct)) any = true;
                return any;
            }));
            if (!results.Any(r => r)) continue;
            worked = true;
            // A step may have queued work for the steps after it (a contact its account, a line its order): look again before the next.
            look = null;
            writing = null;
        }
        // What Xero told us comes after every table that writes to it: writes keep priority on the rate gate and the day's budget.
        look ??= await c.Store.LookAsync(c.Name, c.Time.GetUtcNow(), ct);
        if (!c.Outages.Any && await RoundTrip.DrainAsync(look, _worker, ct)) worked = true;
        return worked;
    }

    /// <summary>The look's tables whose steps write to Xero: their arrivals together are what the organisation's budget carries.</summary>
    private Dictionary<string, JournalLook> Writing(IReadOnlyDictionary<string, JournalLook> look) =>
        look.Where(t => c.Tables.Contains(t.Key) && !c.Tables[t.Key].IsFanOut).ToDictionary(t => t.Key, t => t.Value);

    /// <summary>The invoice poll, when due: the backstop for Xero's webhooks. An outage of Xero leaves it for the next time.</summary>
    public async Task PollInvoicesAsync(CancellationToken ct)
    {
        if (c.Outages.Any || c.Xero.Budget.ParkedUntil is not null) return;
        try
        {
            await RoundTrip.Poll.PollIfDueAsync(ct);
        }
        catch (RemoteApiException e) when (e.Kind == ErrorKind.Auth)
        {
            throw new ConnectionPausedException(c.Name, e.Message, e);
        }
        catch (RemoteApiException e)
        {
            c.Log.LogWarning("Polling Xero for changed invoices failed; trying again at the next poll: {Reason}", e.Message);
        }
    }

    private int BatchSize(SyncedTable table) => table.IsFanOut ? 500 : c.BatchSize;

    /// <summary>
    /// Xero batches one claim may hold: 3 × 50 rows are read in one Dataverse request (150 ids in a <c>$filter</c>, under the
    /// Web API's 32 KB URL: docs/dataverse-rules.md#d-url-length) and written back in one UpdateMultiple. The back-fill's
    /// Dataverse requests per row: 0.074 with one batch a claim, 0.027 with three, 0.017 with five; five held 20 MB more at
    /// the peak of the 100,000-account back-fill than three (290 against 271 MB, BENCHMARKS.md).
    /// </summary>
    public const int BatchesPerClaim = 3;

    /// <summary>Takes up to <paramref name="want"/> of the batches left; 0 when none are.</summary>
    private static int Take(StrongBox<int> left, int want)
    {
        // A countdown that may go below zero: what was left before this take bounds it.
        var before = Interlocked.Add(ref left.Value, -want) + want;
        return Math.Clamp(before, 0, want);
    }

    /// <summary>Claims and works one batch of a table; false when nothing of it was ready.</summary>
    public Task<bool> WorkOneBatchAsync(string table, CancellationToken ct) => WorkOneBatchAsync(c.Tables[table], BatchSize(c.Tables[table]), ct);

    private async Task<bool> WorkOneBatchAsync(SyncedTable table, int rows, CancellationToken ct)
    {
        var items = await c.Store.ClaimAsync(c.Name, table.Name, rows, c.Options.ClaimLease, _worker, ct);
        if (items.Count == 0) return false;
        Pacing?.Claimed(table.Name, items);
        // A batch that failed before is retried in smaller parts (halved per attempt, one row a call on
        // the last), so a row that always fails gives up alone instead of taking its whole batch with it.
        var attempts = items.Max(i => i.Attempts);
        var parts = attempts >= c.Options.MaxAttempts - 1 ? items.Count : 1 << Math.Min(attempts, 16);
        foreach (var part in items.Chunk(Math.Max(1, (items.Count + parts - 1) / parts)))
        {
            await WorkAsync(table, part, ct);
        }
        return true;
    }

    private async Task WorkAsync(SyncedTable table, IReadOnlyList<WorkItem> items, CancellationToken ct)
    {
        // The calls made for this batch carry it, so a breaker can tell whether this batch's failures opened it.
        Errors.ServiceBreaker.Own(items);
        try
        {
            var waiting = await table.Step(c.Steps).WorkAsync(items, ct);
            var done = items.Where(i => !waiting.ContainsKey(i.DynamicsId)).ToList();
            await c.Store.CompleteAsync(done, ct);
            _failures.Forget(table.Name, done);
            c.Clock.Synced(done.Select(i => i.Key));
            // Dependencies were queued ahead of these; they come back once those have had their turn (waiting is not an attempt).
            foreach (var wait in items.Where(i => waiting.ContainsKey(i.DynamicsId)).GroupBy(i => waiting[i.DynamicsId]))
            {
                await c.Store.DeferAsync(wait.ToList(), wait.Key, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: hand the batch back now rather than after its lease runs out, with no attempt counted.
            await c.Store.DeferAsync(items, TimeSpan.Zero, CancellationToken.None);
            throw;
        }
        catch (RemoteApiException e) when (e.Kind == ErrorKind.Auth)
        {
            // Nothing is lost: the work goes back as it was (no attempt counted), and waits for the connection.
            await c.Store.DeferAsync(items, TimeSpan.Zero, CancellationToken.None);
            throw new ConnectionPausedException(c.Name, e.Message, e);
        }
        catch (RemoteApiException e)
        {
            await _failures.BackOffAsync(table, items, e, ct);
        }
    }
}
