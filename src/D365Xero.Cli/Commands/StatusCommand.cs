using System.CommandLine;
using System.Text.Json;
using D365Xero.Hosting;

namespace D365Xero.Cli.Commands;

/// <summary>`status [--json]`: per connection and table, synced / pending / failed, the failures, Xero's budget.</summary>
public static class StatusCommand
{
    public static readonly Option<bool> Json = new("--json") { Description = "Print one JSON object instead of text." };

    public static Command Create()
    {
        var command = new Command("status", "Show, per connection: which instance holds it (and its lease expiry), and per table: synced, pending, failed and skipped rows, the last errors, change-tracking cursors, the Xero budget left (and the reads of Xero:ReadShare: whether the round trip waits for the writes), the Xero calls spent today by operation (what this and every other process working the connection made), and the drift from Dynamics the last `reconcile` found.") { Json };
        command.SetAction((parse, ct) => CommandHost.RunAsync(parse, ct, async (host, ct) =>
        {
            var runtime = host.Runtime;
            var report = await StatusReport.ReadAsync(runtime.Store, runtime.Connections.Select(c => c.Name), 20, ct);
            if (parse.GetValue(Json))
            {
                Console.WriteLine(JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
            }
            else
            {
                Print(Console.Out, report);
            }
            return 0;
        }));
        return command;
    }

    /// <summary>Which instance works the connection, and until when its lease runs unless renewed.</summary>
    public static string HolderLine(StatusReport.LeaseStatus? lease) => lease switch
    {
        null or { Holder: null } => "held by no instance" + (lease is null ? "" : $" (last fence {lease.Fence})"),
        { Live: true } => $"held by instance '{lease.Holder}' (fence {lease.Fence}), lease until {lease.ExpiresAt:u}",
        _ => $"lease of instance '{lease.Holder}' (fence {lease.Fence}) ran out at {lease.ExpiresAt:u}: another instance takes over",
    };

    /// <summary>Running only while an instance holds the connection's lease; otherwise nothing is working it.</summary>
    public static string StateWord(StatusReport.ConnectionStatus c) => (c.PausedReason, c.Lease) switch
    {
        ({ } reason, _) => "PAUSED: " + reason,
        (_, { Live: true, Holder: { } holder }) => $"running (instance '{holder}')",
        _ => "idle: no instance is working it now (`serve` follows changes; `sync --once` runs once)",
    };

    /// <summary>What `reconcile` (and Xero's contact events since) last found differing between Dynamics and Xero.</summary>
    public static string DriftLine(Reconcile.DriftSummary drift)
    {
        var when = drift.ReconciledAt is { } at ? $"last reconcile {at:u}" : "never reconciled";
        if (drift.CheckedAt is { } checkedAt && checkedAt != drift.ReconciledAt) when += $", Xero's contact events checked {checkedAt:u}";
        var tables = drift.Tables.Count == 0 ? "none: both sides agree"
            : string.Join("; ", drift.Tables.Select(t => $"{t.Table} {t.Differing} differing, {t.Missing} missing, {t.Duplicates} duplicate names"));
        return $"Drift from Dynamics ({when}): {tables}" + (drift.Tables.Count == 0 ? "" : " (`reconcile` lists them, `reconcile --fix` resends Dynamics' version)");
    }

    /// <summary>The Xero calls spent today (UTC) on the connection, by operation, most first.</summary>
    public static string CallsLine(ConnectionState.XeroCalls? calls) => calls is null
        ? "Xero calls today (UTC): none"
        : $"Xero calls today ({calls.Day:yyyy-MM-dd} UTC): {calls.Total} — "
            + string.Join(", ", calls.ByOperation.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {kv.Value}"));

    public static void Print(TextWriter output, StatusReport report)
    {
        foreach (var c in report.Connections)
        {
            output.WriteLine($"Connection '{c.Name}': {StateWord(c)}");
            output.WriteLine($"  {HolderLine(c.Lease)}");
            foreach (var o in c.Outages ?? []) output.WriteLine($"  {o.Describe()}; nothing is sent to it meanwhile and no row counts an attempt");
            output.WriteLine($"  {"table",-18}{"synced",9}{"pending",9}{"failed",9}{"skipped",9}  change tracking");
            foreach (var t in c.Tables)
            {
                output.WriteLine($"  {t.Table,-18}{t.Synced,9}{t.Pending,9}{t.Failed,9}{t.Skipped,9}  {(t.Tracked ? "delta link saved" : "not read yet")}");
            }
            if (c.FromXero is { } x)
                output.WriteLine($"  from Xero: {x.Invoices} invoices, {x.CreditNotes} credit notes, {x.Contacts} contacts waiting to be read back; "
                    + (x.LastPoll is { } polled ? $"invoices last polled {polled:u}" : "invoices not polled yet"));
            if (c.XeroBudget is { } b)
            {
                output.WriteLine($"  Xero budget (as of {b.SeenAt:u}): {b.Budget.MinuteRemaining} calls left this minute, {b.Budget.DayRemaining} today"
                    + (b.Budget.ParkedUntil is { } p ? $"; daily limit spent, parked until {p:u}" : ""));
                if (ReadShareStatus.Line(b.Budget) is { } reads) output.WriteLine($"  {reads}");
            }
            output.WriteLine($"  {CallsLine(c.XeroCallsToday)}");
            if (c.Drift is { } drift) output.WriteLine($"  {DriftLine(drift)}");
            foreach (var f in c.Failures)
            {
                output.WriteLine($"  failed {f.Table} {f.DynamicsId}: {f.Reason}");
            }
        }
    }
}
