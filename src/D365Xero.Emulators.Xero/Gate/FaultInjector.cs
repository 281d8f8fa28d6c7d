namespace D365Xero.Emulators.Xero.Gate;

/// <summary>Decides, per API call, which injected fault applies. Random draws come from a seeded source so runs repeat.</summary>
internal sealed class FaultInjector(TimeProvider time, int seed)
{
    private readonly object _sync = new();
    private FaultPlan _plan = new();
    private Random _random = new(seed);
    private int _burstLeft;
    private int _loseLeft;
    private DateTimeOffset? _outageUntil;

    public void Apply(FaultPlan plan)
    {
        lock (_sync)
        {
            _plan = plan;
            _burstLeft = plan.Burst429;
            _loseLeft = plan.LoseFirstWrites;
            _outageUntil = plan.OutageSeconds > 0 ? time.GetUtcNow() + TimeSpan.FromSeconds(plan.OutageSeconds) : null;
            if (plan.Seed is { } s) _random = new Random(s);
        }
    }

    public void Clear() => Apply(new FaultPlan());

    public FaultVerdict Decide(bool isWrite)
    {
        lock (_sync)
        {
            if (_outageUntil is { } until && time.GetUtcNow() < until) return new(503, TimeSpan.Zero, false);
            if (_burstLeft > 0)
            {
                _burstLeft--;
                return new(429, TimeSpan.Zero, false);
            }
            if (_plan.ErrorRate > 0 && _random.NextDouble() < _plan.ErrorRate) return new(_plan.ErrorStatus, TimeSpan.Zero, false);
            var lose = isWrite && _plan.LoseResponseRate > 0 && _random.NextDouble() < _plan.LoseResponseRate;
            if (isWrite && _loseLeft > 0)
            {
                _loseLeft--;
                lose = true;
            }
            return new(null, TimeSpan.FromMilliseconds(_plan.DelayMs), lose);
        }
    }
}
