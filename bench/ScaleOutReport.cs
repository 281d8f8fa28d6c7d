using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace D365Xero.Bench;

/// <summary>The scaleout scenario's table (one instance beside three) and its JSON line (printed last).</summary>
public static class ScaleOutReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Table(ScaleOutBackfill.Figures one, ScaleOutBackfill.Figures three, int accountsPerConnection, int batchSize)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| scenario | figure | 1 instance | 3 instances | 3 ÷ 1 |");
        sb.AppendLine("|---|---|---:|---:|---:|");
        void Row(string key, double a, double b, string format) =>
            sb.AppendLine(Inv, $"| scaleout_6_connections | {key} | {a.ToString(format, Inv)} | {b.ToString(format, Inv)} | {(a == 0 ? "—" : (b / a).ToString("0.##", Inv) + "×")} |");
        Row("rows", one.Rows, three.Rows, "N0");
        Row("elapsed_s", one.Elapsed.TotalSeconds, three.Elapsed.TotalSeconds, "F1");
        Row("rows_per_s", one.RowsPerSecond, three.RowsPerSecond, "F1");
        Row("xero_calls", one.XeroCalls, three.XeroCalls, "N0");
        Row("minute_budget_used", one.MinuteBudgetUsed, three.MinuteBudgetUsed, "P1");
        Row("http_429", one.Http429, three.Http429, "N0");
        sb.AppendLine();
        sb.AppendLine(Inv, $"- six connections, each {accountsPerConnection:N0} accounts seeded, Xero:BatchSize {batchSize}, Xero's minute compressed to {ScaleOutBackfill.MinuteWindow.TotalSeconds:0} s (60 calls per organisation per window)");
        return sb.ToString();
    }

    public static string Json(ScaleOutBackfill.Figures one, ScaleOutBackfill.Figures three)
    {
        static JsonObject Object(ScaleOutBackfill.Figures f) => new()
        {
            ["instances"] = f.Instances,
            ["rows"] = f.Rows,
            ["elapsed_s"] = Math.Round(f.Elapsed.TotalSeconds, 2),
            ["rows_per_s"] = Math.Round(f.RowsPerSecond, 2),
            ["xero_calls"] = f.XeroCalls,
            ["minute_budget_used"] = Math.Round(f.MinuteBudgetUsed, 4),
            ["http_429"] = f.Http429,
        };
        return new JsonObject { ["scenarios"] = new JsonObject { ["scaleout_6_connections"] = new JsonArray(Object(one), Object(three)) } }.ToJsonString();
    }
}
