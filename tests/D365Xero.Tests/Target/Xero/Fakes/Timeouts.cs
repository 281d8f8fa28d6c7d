namespace D365Xero.Tests.Target.Xero.Fakes;

internal static class Timeouts
{
    /// <summary>Only a guard against a hung test: every wait in these tests ends on an event, never on time passing.</summary>
    public static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);
}
