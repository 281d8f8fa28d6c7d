namespace D365Xero.Emulators.Dataverse;

/// <summary>Injects faults into Web API requests on demand; a seeded Random keeps runs repeatable.</summary>
internal sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private FaultSettings? _settings;
    private Random _random = new(1);
    private int _burstLeft;

    public void Set(FaultSettings settings)
    {
        lock (_gate)
        {
            _settings = settings;
            _random = new Random(settings.Seed ?? 1);
            _burstLeft = settings.Burst429;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _settings = null;
            _burstLeft = 0;
        }
    }

    public int DelayMs { get { lock (_gate) return _settings?.DelayMs ?? 0; } }

    /// <summary>The fault this request suffers, if any.</summary>
    public DataverseException? Next(ServiceProtection protection)
    {
        lock (_gate)
        {
            if (_settings is null) return null;
            if (_burstLeft > 0)
            {
                _burstLeft--;
                return protection.RequestLimitError(_settings.RetryAfterSeconds);
            }
            if (_settings.ErrorRate > 0 && _random.NextDouble() < _settings.ErrorRate)
            {
                // A generic platform error with the chosen status, e.g. 503 Service Unavailable (docs/dataverse-rules.md#d-status-codes; learn.microsoft.com/power-apps/developer/data-platform/webapi/compose-http-requests-handle-errors).
                return new DataverseException(_settings.ErrorStatus, "0x80040216", "An unexpected error occurred. (injected by the emulator)");
            }
            return null;
        }
    }
}
