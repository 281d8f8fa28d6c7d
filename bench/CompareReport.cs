using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace D365Xero.Bench;

/// <summary>The compare scenario's table (whole-process figures, beside the minimal batched process) and its JSON object.</summary>
public static class CompareReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static readonly (string Key, Func<CompareScenario.Figures, double> Value, string Format)[] Rows =
    [
        ("rows", f => f.Rows, "N0"),
        ("cpu_s", f => f.Process.Cpu.TotalSeconds, "F2"),
        ("cpu_user_s", f => f.Process.User.TotalSeconds, "F2"),
        ("cpu_sys_s", f => f.Process.System.TotalSeconds, "F2"),
        ("peak_rss_mb", f => f.Process.PeakRssMb, "F0"),
        ("elapsed_s", f => f.Process.Wall.TotalSeconds, "F2"),
        ("xero_calls", f => f.XeroCalls, "N0"),
        ("http_429", f => f.Xero429, "N0"),
        ("dataverse_calls", f => f.DataverseCalls, "N0"),
        ("exit_code", f => f.Process.ExitCode, "N0"),
    ];

    public static string Table(CompareScenario.Figures ours, CompareScenario.Figures? baseline)
    {
        var name = Name(ours);
        var sb = new StringBuilder();
        sb.AppendLine("| scenario | figure | d365-xero sync --once | minimal batched process | baseline ÷ connector |");
        sb.AppendLine("|---|---|---:|---:|---:|");
        foreach (var (key, value, format) in Rows)
        {
            var a = value(ours);
            double? b = baseline is null ? null : value(baseline);
            var ratio = key is "exit_code" or "http_429" || a == 0 || b is null ? "—" : (b.Value / a).ToString("0.##", Inv) + "×";
            sb.AppendLine(Inv, $"| {name} | {key} | {a.ToString(format, Inv)} | {b?.ToString(format, Inv) ?? "—"} | {ratio} |");
        }
        sb.AppendLine();
        sb.AppendLine(Inv, $"- {name}: {ours.Accounts:N0} accounts with {ours.ContactsEach} contacts each; whole processes, start-up included; CPU = user + system and peak RSS = ru_maxrss, from the kernel at exit (GNU time)");
        sb.AppendLine(Inv, $"- {name}, connector: {ours.Note}");
        if (baseline is not null) sb.AppendLine(Inv, $"- {name}, baseline: {baseline.Note}");
        sb.AppendLine(Inv, $"- {name}, targets (issue 16): CPU ≤ 1.5 s, peak RSS ≤ 60 MB; the issue's reference: a small Python batched connector 1.41 s, 34 MB; d365-xero before it 3.67 s, 116 MB");
        return sb.ToString();
    }

    public static string Name(CompareScenario.Figures f) => $"compare_{f.Accounts / 1000.0:0.#}k".Replace(".", "_", StringComparison.Ordinal);

    public static JsonObject Json(CompareScenario.Figures f)
    {
        var o = new JsonObject();
        foreach (var (key, value, _) in Rows)
        {
            var v = value(f);
            o[key] = key is "rows" or "xero_calls" or "http_429" or "dataverse_calls" or "exit_code" ? JsonValue.Create((long)v) : JsonValue.Create(Math.Round(v, 3));
        }
        return o;
    }
}
