using D365Xero.Errors;
using D365Xero.Journal;
using D365Xero.Tables;
using D365Xero.WriteBack;
using Microsoft.Extensions.Logging;

namespace D365Xero.Sync;

/// <summary>
/// A batch whose call failed as a whole (the service is down, throttling, or its answer was lost):
/// parked until the day's budget returns, retried with a growing delay, or after <c>Sync:MaxAttempts</c>
/// given up on, each row saying why.
/// </summary>
public sealed class BatchFailures(SyncConnection c)
{
    /// <summary>What a row was last sent as matters only until its work is settled; a back-fill must not keep one per row.</summary>
    public void Forget(string table, IEnumerable<WorkItem> settled)
    {
        foreach (var item in settled) c.Steps.Attempting.TryRemove((table, item.DynamicsId), out _);
    }

    public async Task BackOffAsync(SyncedTable table, IReadOnlyList<WorkItem> items, RemoteApiException e, CancellationToken ct)
    {
        // Whatever Xero applied before the failure is found again by its natural key on the next pass.
        c.Indexes.Reset();
        if (await WaitAsync(table.Name, items, e, ct)) return;
        var attempts = items.Max(i => i.Attempts) + 1;
        if (attempts >= c.Options.MaxAttempts)
        {
            await GiveUpAsync(table, items, e, attempts, ct);
            return;
        }
        var delay = e.RetryAfter ?? TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, attempts)));
        c.Log.LogWarning("{Table} batch failed ({Reason}); retrying in {Delay}", table.Name, e.Message, delay);
        await c.Store.ReleaseAsync(items, delay, ct);
    }

    /// <summary>
    /// Work that failed through no fault of its own waits without counting an attempt: until the day's budget returns, or for the
    /// unavailable service's probe. True when it was put back so; false when the failure is the work's own (back off, count it).
    /// </summary>
    public async Task<bool> WaitAsync(string table, IReadOnlyList<WorkItem> items, RemoteApiException e, CancellationToken ct)
    {
        if (c.Xero.Budget.ParkedUntil is { } parkedUntil)
        {
            // The day's budget is spent: no call was made (or Xero refused it for the day), so nothing
            // failed. The work parks until the reset without using up Sync:MaxAttempts.
            var until = parkedUntil - c.Time.GetUtcNow();
            c.Log.LogInformation("{Table} batch parked until {Until:u}: {Reason}", table, parkedUntil, e.Message);
            await c.Store.DeferAsync(items, until > TimeSpan.Zero ? until : TimeSpan.Zero, ct);
            return true;
        }
        if (ServiceBreaker.IsOutage(e) && c.Outages.Of(e.Service) is { } breaker
            && (!breaker.HasAnswered || (breaker.Outage is not null && !breaker.OpenedBy(items))))
        {
            // The service is unavailable (its circuit is open), or has not answered once in this process: not this
            // batch's fault, so no attempt is counted. Only a batch whose own failures opened the circuit counts
            // one, so a row that always fails is still recognised while the service otherwise answers.
            var until = breaker.Outage?.NextProbeAt ?? c.Time.GetUtcNow() + c.Options.OutageFirstProbe;
            c.Log.LogInformation("{Table} batch of {Count} waits for {Service}: {Reason}", table, items.Count, e.Service, e.Message);
            var wait = until - c.Time.GetUtcNow();
            await c.Store.DeferAsync(items, wait > TimeSpan.Zero ? wait : TimeSpan.Zero, ct);
            return true;
        }
        return false;
    }

    private async Task GiveUpAsync(SyncedTable table, IReadOnlyList<WorkItem> items, RemoteApiException e, int attempts, CancellationToken ct)
    {
        // An expected failure: one line, no stack trace.
        c.Log.LogError("Giving up on {Count} {Table} rows after {Attempts} attempts: {Reason}", items.Count, table.Name, attempts, e.Message);
        var reason = $"Gave up after {attempts} attempts: {e.Message} Run `d365-xero retry` or change the row to try again.";
        var ids = items.Select(i => i.DynamicsId).ToList();
        var existing = await c.Store.GetLinksAsync(c.Name, table.Name, ids, ct);
        await c.Store.UpsertLinksAsync(ids.Select(id =>
            (existing.GetValueOrDefault(id) ?? new Link { Connection = c.Name, Table = table.Name, DynamicsId = id })
            with
            {
                Status = SyncStatus.Error, LastError = reason, FailedAttempts = attempts,
                // What was given up on: unchanged, it is not sent again (not even for the echo of this write-back).
                PayloadHash = c.Steps.Attempting.GetValueOrDefault((table.Name, id)) ?? existing.GetValueOrDefault(id)?.PayloadHash,
            }), ct);
        if (table.WriteBack.Count > 0)
        {
            await TryWriteBackAsync(table, ids.Select(id => new RowWriteBack(
                id, SyncStatusText.Of(SyncStatus.Error), reason, existing.GetValueOrDefault(id)?.XeroId)).ToList(), ct);
        }
        c.Counters.For(table.Name).AddFailed(items.Count);
        await c.Store.CompleteAsync(items, ct);
        Forget(table.Name, items);
    }

    /// <summary>The row should say why; when Dynamics itself is what fails, the log and `status` still do.</summary>
    private async Task TryWriteBackAsync(SyncedTable table, IReadOnlyList<RowWriteBack> rows, CancellationToken ct)
    {
        try
        {
            await c.WriteBack.WriteAsync(table.Name, rows, new Dictionary<Guid, System.Text.Json.Nodes.JsonObject>(), ct);
        }
        catch (RemoteApiException e)
        {
            c.Log.LogWarning("Could not write the failure onto {Count} {Table} rows: {Reason}", rows.Count, table.Name, e.Message);
        }
    }
}
