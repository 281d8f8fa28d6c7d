using System.Text.Json.Nodes;

namespace D365Xero.Source;

/// <summary>A row as read now: its mapped form, and the raw JSON (which carries our write-back columns).</summary>
public sealed record Snapshot<T>(T Row, JsonObject Raw);
