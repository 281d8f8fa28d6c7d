using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using D365Xero.Errors;
using D365Xero.Hosting;
using D365Xero.Reconcile;
using D365Xero.Sync;

namespace D365Xero.Cli.Commands;

/// <summary>
/// `reconcile [--json] [--fix]`: every linked contact and item, Dynamics' version against Xero's (master data flows one way,
/// docs/product-rules.md#p-master-data-one-way); with --fix, Dynamics' version is sent again through the normal pipeline.
/// </summary>
public static class ReconcileCommand
{
    public static readonly Option<bool> Json = new("--json") { Description = "Print one JSON object (the reports, and with --fix the sync's outcome) instead of text." };

    public static readonly Option<bool> Fix = new("--fix")
    {
        Description = "Send Dynamics' version again for every record that differs or is missing on one side (their rows are queued and sent in batches, as `sync --once` does); a duplicate name is left to a person.",
    };

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Names and values as people wrote them (a phone's +, an apostrophe), not \u escapes; the output is not HTML.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create()
    {
        var command = new Command("reconcile",
            "Compare every linked contact and item in Xero with what Dynamics would send today: fields that differ, records missing on one side, duplicate names; " +
            "prints the Xero calls it spent. Nothing is copied back from Xero. Exit 0 when both sides agree, 1 when anything differs " +
            "(with --fix: the exit code of the sync that resends Dynamics' version, 1 also while a duplicate name remains), 2 a setting is wrong or Xero refused the sign-in, 3 Xero unavailable.")
        { Json, Fix };
        command.SetAction((parse, ct) => CommandHost.RunAsync(parse, ct, (host, ct) => RunAsync(host.Runtime, parse.GetValue(Json), parse.GetValue(Fix), ct)));
        return command;
    }

    private static async Task<int> RunAsync(ConnectorRuntime runtime, bool json, bool fix, CancellationToken ct)
    {
        var reports = new List<ReconcileReport>();
        foreach (var connection in runtime.Connections)
        {
            try
            {
                await ParkedBudget.RestoreAsync(connection, ct);
                reports.Add(await new Reconciler(connection).RunAsync(ct));
            }
            catch (Exception e) when (e is ServiceUnavailableException || ServiceBreaker.IsOutage(e))
            {
                Console.Error.WriteLine($"Connection '{connection.Name}': Xero or Dynamics is unavailable, nothing was compared: {e.Message}");
                return 3;
            }
            finally
            {
                await ConnectionState.SaveBudgetAsync(connection.Store, connection.Name, connection.Xero.Budget, connection.Time.GetUtcNow(), ct);
                await ConnectionState.SaveCallsAsync(connection, ct);
            }
        }
        if (!json) foreach (var report in reports) Print(Console.Out, report);
        var duplicates = reports.Any(r => r.Findings.Any(f => !f.Fixable));
        if (!fix)
        {
            if (json) Console.WriteLine(JsonSerializer.Serialize(new { reports }, JsonOptions));
            return reports.All(r => r.Clean) ? 0 : 1;
        }

        var queued = new Dictionary<string, int>();
        foreach (var report in reports) queued[report.Connection] = (await ReconcileFix.QueueAsync(runtime.Store, report, ct)).Count;
        if (!json) foreach (var (name, count) in queued) Console.WriteLine($"Connection '{name}': {count} rows queued to send Dynamics' version again.");
        var outcomes = await SyncSession.RunAsync(runtime, waitForRetries: true, ct);
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                reports,
                fix = outcomes.Select(o => new
                {
                    connection = o.Connection.Name, queued = queued.GetValueOrDefault(o.Connection.Name), xeroCalls = o.XeroCalls, failedRows = o.FailedRows,
                    paused = o.PausedReason, skipped = o.SkippedReason, unavailable = o.UnavailableReason,
                }),
            }, JsonOptions));
        }
        else
        {
            foreach (var outcome in outcomes) SummaryPrinter.Print(Console.Out, outcome);
        }
        var exit = SyncCommand.ExitCode(outcomes);
        return exit == 0 && duplicates ? 1 : exit;
    }

    public static void Print(TextWriter output, ReconcileReport report)
    {
        output.WriteLine($"Connection '{report.Connection}': reconciled at {report.At:u} (Dynamics' version against Xero's; nothing is copied back)");
        if (report.Tables.Count == 0) output.WriteLine("  no linked contacts or items yet");
        foreach (var t in report.Tables)
        {
            var counts = t.Findings.Count == 0 ? "both sides agree"
                : $"{t.Count(DriftKind.Differs)} differ, {t.Count(DriftKind.ArchivedInXero)} archived in Xero, {t.Count(DriftKind.MissingInXero)} missing in Xero, " +
                  $"{t.Count(DriftKind.MissingInDynamics)} missing in Dynamics, {t.Count(DriftKind.DuplicateName)} duplicate names";
            output.WriteLine($"  {t.Table}: {t.Compared} compared{(t.Skipped > 0 ? $" ({t.Skipped} not sent now, see `status`)" : "")}: {counts}");
            foreach (var f in t.Findings)
            {
                output.WriteLine($"    {Words(f.Kind)} {f.Table} {f.DynamicsId} '{f.Name}' (Xero {f.XeroId})");
                foreach (var d in f.Fields) output.WriteLine($"      {d.Field}: Dynamics '{d.Dynamics}', Xero '{d.Xero}'");
                foreach (var twin in f.Twins ?? [])
                    output.WriteLine($"      same name as Xero contact {twin.ContactId} '{twin.Name}' ({twin.Status}{(twin.Linked ? ", linked to another row" : ", linked to no row")})");
            }
        }
        var calls = string.Join("; ", report.Calls.Select(c => $"{c.Calls} × {c.Operation} ({c.Purpose})"));
        output.WriteLine($"  Xero calls: {report.XeroCalls}{(report.Calls.Count > 0 ? ": " + calls : "")}");
    }

    private static string Words(DriftKind kind) => kind switch
    {
        DriftKind.Differs => "differs:",
        DriftKind.ArchivedInXero => "archived in Xero:",
        DriftKind.MissingInXero => "missing in Xero:",
        DriftKind.MissingInDynamics => "missing in Dynamics:",
        _ => "duplicate name:",
    };
}
