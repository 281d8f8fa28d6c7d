using D365Xero.Target.Xero;

namespace D365Xero.Reconcile;

/// <summary>Counts the Xero calls a piece of work spends (retries included), by purpose, from the client's own per-operation counts.</summary>
public sealed class XeroCallMeter(XeroClient xero)
{
    private readonly List<CallCount> _calls = [];

    public IReadOnlyList<CallCount> Calls => _calls;

    public async Task<T> MeasureAsync<T>(string purpose, Func<Task<T>> work)
    {
        var before = xero.CallsMade.ToDictionary(kv => kv.Key, kv => kv.Value);
        try
        {
            return await work();
        }
        finally
        {
            foreach (var (operation, count) in xero.CallsMade)
            {
                var spent = count - before.GetValueOrDefault(operation);
                if (spent > 0) _calls.Add(new CallCount(purpose, operation, spent));
            }
        }
    }
}
