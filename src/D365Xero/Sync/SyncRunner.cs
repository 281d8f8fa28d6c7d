using D365Xero.Errors;
using D365Xero.Journal;
using Microsoft.Extensions.Logging;

namespace D365Xero.Sync;

/// <summary>
/// Drains a connection's journal: contacts first (they only queue accounts), then accounts in
/// batches of 50. Every failure is handled here, once: transient → back off and retry, up to
/// <c>Sync:MaxAttempts</c>; auth → the connection pauses with the reason; a refused record is
/// already recorded on its row by the step that met it.
/// </summary>
public sealed class SyncRunner(SyncConnection c)
{
    /// <summary>Order matters: a step may queue work for the steps after it.</summary>
    private static readonly string[] Order = ["contact", "account", "product", "salesorderdetail", "salesorder"];

    /// <summary>How long an order waits before it looks again for a customer or product that has not reached Xero yet.</summary>
    private static readonly TimeSpan DependencyWait = TimeSpan.FromSeconds(5);

    /// <summary>The tables this runner works; queuing any other leaves an entry nothing ever claims.</summary>
    public static IReadOnlyList<string> Tables => Order;

    // At most 40 characters; a short machine name and a small process id make it shorter, never a crash.
    private readonly string _worker = Truncate($"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}", 40);

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];

    public ChangeCapture Capture { get; } = new(c);

    /// <summary>Captures changes, then works until nothing is ready. Returns when the journal is empty, or only holds work waiting for later.</summary>
    public async Task RunOnceAsync(bool waitForRetries, CancellationToken ct)
    {
        await Capture.CaptureAsync(ChangeCapture.Tables.Keys, ct);
        while (true)
        {
            if (await DrainAsync(ct)) continue;
            var next = await c.Store.NextAvailableAsync(c.Name, ct);
            if (next is null || !waitForRetries) return;
            // A spent daily budget parks the organisation for hours: the run ends and `status` says until when.
            if (c.Xero.Budget.ParkedUntil is not null) return;
            var wait = next.Value - c.Time.GetUtcNow();
            if (wait > TimeSpan.Zero) await Task.Delay(wait, c.Time, ct);
        }
    }

    /// <summary>Works every batch that is ready now, in pipeline order; true when it worked any.</summary>
    public async Task<bool> DrainAsync(CancellationToken ct)
    {
        var worked = false;
        // One count instead of a claim per table and lane: a live change leaves one row in one table, and a
        // claim (a write transaction) of each empty table on every wake-up cost more than the change itself.
        IReadOnlyDictionary<string, long>? pending = null;
        foreach (var table in Order)
        {
            pending ??= await c.Store.CountPendingAsync(c.Name, ct);
            var queued = pending.GetValueOrDefault(table);
            if (queued == 0) continue;
            // Tables that call Xero run several batches side by side, so the organisation's budget
            // (5 in flight, 60 a minute) is the limit rather than one batch's round trips; the
            // fan-out steps only read Dynamics and queue work. No more lanes than there are batches.
            var batches = (queued + BatchSize(table) - 1) / BatchSize(table);
            var lanes = IsFanOut(table) ? 1 : (int)Math.Clamp(batches, 1, Math.Max(1, c.Options.Parallelism));
            var results = await Task.WhenAll(Enumerable.Range(0, lanes).Select(async _ =>
            {
                var any = false;
                while (await WorkOneBatchAsync(table, ct)) any = true;
                return any;
            }));
            if (!results.Any(r => r)) continue;
            worked = true;
            // A step may have queued work for the steps after it (a contact its account, a line its order): count again before the next.
            pending = null;
        }
        return worked;
    }

    /// <summary>The steps that only read Dynamics and queue their parents' work: no Xero call, so bigger batches in one lane.</summary>
    private static bool IsFanOut(string table) => table is "contact" or "salesorderdetail";

    private int BatchSize(string table) => IsFanOut(table) ? 500 : c.BatchSize;

    /// <summary>Claims and works one batch of a table; false when nothing of it was ready.</summary>
    public async Task<bool> WorkOneBatchAsync(string table, CancellationToken ct)
    {
        var items = await c.Store.ClaimAsync(c.Name, table, BatchSize(table), c.Options.ClaimLease, _worker, ct);
        if (items.Count == 0) return false;
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

    private async Task WorkAsync(string table, IReadOnlyList<WorkItem> items, CancellationToken ct)
    {
        try
        {
            IReadOnlySet<Guid> waiting = new HashSet<Guid>();
            switch (table)
            {
                case "account": await new AccountSync(c).ProcessAsync(items, ct); break;
                case "contact": await new ContactFanout(c).ProcessAsync(items, ct); break;
                case "product": await new ProductSync(c).ProcessAsync(items, ct); break;
                case "salesorderdetail": await new OrderLineFanout(c).ProcessAsync(items, ct); break;
                case "salesorder": waiting = await new OrderSync(c).ProcessAsync(items, ct); break;
                default: throw new InvalidOperationException($"No sync step for table {table}.");
            }
            var done = items.Where(i => !waiting.Contains(i.DynamicsId)).ToList();
            await c.Store.CompleteAsync(done, ct);
            Forget(table, done);
            c.Clock.Synced(done.Select(i => i.Key));
            // Dependencies were queued ahead of these; they come back once those have had their turn (waiting is not an attempt).
            await c.Store.DeferAsync(items.Where(i => waiting.Contains(i.DynamicsId)).ToList(), DependencyWait, ct);
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
            await BackOffAsync(table, items, e, ct);
        }
    }

    /// <summary>What a row was last sent as matters only until its work is settled; a back-fill must not keep one per row.</summary>
    private void Forget(string table, IEnumerable<WorkItem> settled)
    {
        foreach (var item in settled) c.Attempting.TryRemove((table, item.DynamicsId), out _);
    }

    private async Task BackOffAsync(string table, IReadOnlyList<WorkItem> items, RemoteApiException e, CancellationToken ct)
    {
        // Whatever Xero applied before the failure is found again by ContactNumber on the next pass.
        c.ResetContactIndex();
        if (c.Xero.Budget.ParkedUntil is { } parkedUntil)
        {
            // The day's budget is spent: no call was made (or Xero refused it for the day), so nothing
            // failed. The work parks until the reset without using up Sync:MaxAttempts.
            var until = parkedUntil - c.Time.GetUtcNow();
            c.Log.LogInformation("{Table} batch parked until {Until:u}: {Reason}", table, parkedUntil, e.Message);
            await c.Store.DeferAsync(items, until > TimeSpan.Zero ? until : TimeSpan.Zero, ct);
            return;
        }
        var attempts = items.Max(i => i.Attempts) + 1;
        if (attempts >= c.Options.MaxAttempts)
        {
            c.Log.LogError(e, "Giving up on {Count} {Table} rows after {Attempts} attempts", items.Count, table, attempts);
            var reason = $"Gave up after {attempts} attempts: {e.Message} Run `d365-xero retry` or change the row to try again.";
            var ids = items.Select(i => i.DynamicsId).ToList();
            var existing = await c.Store.GetLinksAsync(c.Name, table, ids, ct);
            await c.Store.UpsertLinksAsync(ids.Select(id =>
                (existing.GetValueOrDefault(id) ?? new Link { Connection = c.Name, Table = table, DynamicsId = id })
                with
                {
                    Status = SyncStatus.Error, LastError = reason, FailedAttempts = attempts,
                    // What was given up on: unchanged, it is not sent again (not even for the echo of this write-back).
                    PayloadHash = c.Attempting.GetValueOrDefault((table, id)) ?? existing.GetValueOrDefault(id)?.PayloadHash,
                }), ct);
            await TryWriteBackAsync(table, ids.Select(id => new WriteBack.RowWriteBack(
                id, SyncStatusText.Of(SyncStatus.Error), reason, existing.GetValueOrDefault(id)?.XeroId)).ToList(), ct);
            c.Counters.For(table).AddFailed(items.Count);
            await c.Store.CompleteAsync(items, ct);
            Forget(table, items);
            return;
        }
        var delay = e.RetryAfter ?? TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, attempts)));
        c.Log.LogWarning("{Table} batch failed ({Reason}); retrying in {Delay}", table, e.Message, delay);
        await c.Store.ReleaseAsync(items, delay, ct);
    }

    /// <summary>The row should say why; when Dynamics itself is what fails, the log and `status` still do.</summary>
    private async Task TryWriteBackAsync(string table, IReadOnlyList<WriteBack.RowWriteBack> rows, CancellationToken ct)
    {
        if (table is not ("account" or "contact" or "product" or "salesorder")) return;
        try
        {
            await c.WriteBack.WriteAsync(table, rows, new Dictionary<Guid, System.Text.Json.Nodes.JsonObject>(), ct);
        }
        catch (RemoteApiException e)
        {
            c.Log.LogWarning("Could not write the failure onto {Count} {Table} rows: {Reason}", rows.Count, table, e.Message);
        }
    }
}
