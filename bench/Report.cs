using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace D365Xero.Bench;

/// <summary>The table for people, then the one JSON line for machines (always the last line printed).</summary>
public static class Report
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static readonly (string Key, Func<ScenarioFigures, double?> Value, string Format)[] Figures =
    [
        ("rows", f => f.Rows, "N0"),
        ("xero_calls", f => f.XeroCalls, "N0"),
        ("xero_calls_per_row", f => f.XeroCallsPerRow, "F4"),
        ("xero_writes", f => f.XeroWrites, "N0"),
        ("lower_bound_calls", f => f.LowerBoundCalls, "N0"),
        ("minute_budget_used", f => f.MinuteBudgetUsed, "P1"),
        ("http_429", f => f.Http429, "N0"),
        ("dataverse_calls", f => f.DataverseCalls, "N0"),
        ("cpu_ms_per_row", f => f.CpuMsPerRow, "F3"),
        ("peak_memory_mb", f => f.PeakMemoryMb, "F0"),
        ("latency_p50_ms", f => f.LatencyP50Ms, "F0"),
        ("latency_p99_ms", f => f.LatencyP99Ms, "F0"),
    ];

    public static string Table(IReadOnlyList<(string Name, ScenarioFigures Ours, ScenarioFigures? Baseline)> rows)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| scenario | figure | connector | per-record baseline | baseline ÷ connector |");
        sb.AppendLine("|---|---|---:|---:|---:|");
        foreach (var (name, ours, baseline) in rows)
        {
            foreach (var (key, value, format) in Figures)
            {
                var a = value(ours);
                var b = baseline is null ? null : value(baseline);
                var ratio = a is { } x && b is { } y && x != 0 ? (y / x).ToString("0.##", Inv) + "×" : "—";
                sb.AppendLine(Inv, $"| {name} | {key} | {Show(a, format)} | {Show(b, format)} | {ratio} |");
            }
            sb.AppendLine(Inv, $"| {name} | elapsed_s | {ours.Elapsed.TotalSeconds:F1} | {(baseline is null ? "—" : baseline.Elapsed.TotalSeconds.ToString("F1", Inv))} | {(baseline is null ? "—" : (baseline.Elapsed / ours.Elapsed).ToString("0.##", Inv) + "×")} |");
            sb.AppendLine(Inv, $"| {name} | failed_rows | {ours.FailedRows:N0} | {(baseline is null ? "—" : baseline.FailedRows.ToString("N0", Inv))} | — |");
        }
        sb.AppendLine();
        foreach (var (name, ours, baseline) in rows)
        {
            if (ours.Note is not null) sb.AppendLine(Inv, $"- {name}, connector: {ours.Note}");
            if (baseline?.Note is not null) sb.AppendLine(Inv, $"- {name}, baseline: {baseline.Note}");
        }
        return sb.ToString();
    }

    private static string Show(double? value, string format) => value is { } v ? v.ToString(format, Inv) : "—";

    public static JsonObject Json(IReadOnlyList<(string Name, ScenarioFigures Ours, ScenarioFigures? Baseline)> rows)
    {
        var scenarios = new JsonObject();
        var baselines = new JsonObject();
        foreach (var (name, ours, baseline) in rows)
        {
            scenarios[name] = Object(ours);
            if (baseline is not null) baselines[name] = Object(baseline);
        }
        return new JsonObject { ["scenarios"] = scenarios, ["baseline"] = baselines };
    }

    private static JsonObject Object(ScenarioFigures f)
    {
        var o = new JsonObject();
        foreach (var (key, value, _) in Figures)
        {
            o[key] = value(f) is { } v
                ? key is "rows" or "xero_calls" or "xero_writes" or "lower_bound_calls" or "http_429" or "dataverse_calls"
                    ? JsonValue.Create((long)v)
                    : JsonValue.Create(Math.Round(v, 4))
                : null;
        }
        return o;
    }
}
