namespace D365Xero.Hosting;

/// <summary>One line of <c>check</c>: what was proven (or not), what was found, and how to fix a failure.</summary>
/// <param name="Name">What was checked, e.g. "Change tracking: account" or "Sync:SalesAccountCode".</param>
/// <param name="Detail">What was found, in plain words; on a failure, why it matters.</param>
/// <param name="Fix">On a failure, what to do about it, when there is something specific to say.</param>
public sealed record CheckResult(string Name, bool Passed, string Detail, string? Fix = null)
{
    public static CheckResult Pass(string name, string detail) => new(name, true, detail);

    public static CheckResult Fail(string name, string detail, string? fix = null) => new(name, false, detail, fix);
}
