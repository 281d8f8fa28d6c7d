using System.Text.Json.Serialization;

namespace D365Xero.Reconcile;

/// <summary>What `reconcile` found on one connection, and the Xero calls it spent.</summary>
/// <param name="Skipped">Linked rows not compared because Dynamics would not send them now (a mapping error, a draft product, a contact that joined an account): the sync says why on their rows.</param>
public sealed record ReconcileReport(string Connection, DateTimeOffset At, IReadOnlyList<TableReconcile> Tables, IReadOnlyList<CallCount> Calls)
{
    [JsonIgnore]
    public IEnumerable<DriftFinding> Findings => Tables.SelectMany(t => t.Findings);

    public bool Clean => Tables.All(t => t.Findings.Count == 0);

    public long XeroCalls => Calls.Sum(c => c.Calls);
}

/// <param name="Compared">Linked rows whose two sides were compared.</param>
public sealed record TableReconcile(string Table, int Compared, int Skipped, IReadOnlyList<DriftFinding> Findings)
{
    public int Count(DriftKind kind) => Findings.Count(f => f.Kind == kind);
}

/// <summary>Xero calls spent for one purpose (<c>contacts</c>: every contact, 1,000 a page), by operation (<c>GET Contacts</c>).</summary>
public sealed record CallCount(string Purpose, string Operation, long Calls);
