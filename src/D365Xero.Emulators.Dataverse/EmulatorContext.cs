namespace D365Xero.Emulators.Dataverse;

/// <summary>Everything a request handler needs; one per running emulator.</summary>
internal sealed class EmulatorContext
{
    public EmulatorContext(DataverseEmulatorOptions options, TimeProvider time, Uri url)
    {
        Options = options;
        Time = time;
        Url = url;
        Store = new DataverseStore(time);
        Records = new RecordService(Store, options.ClosedOrdersReadOnly);
        Tokens = new TokenIssuer(time);
        Stats = new ApiStats();
        Faults = new FaultInjector();
        Protection = new ServiceProtection(options, time);
        DeltaTokens = new DeltaTokenRegistry();
        Webhooks = new WebhookDispatcher(this);
        Store.OnCommitted = Webhooks.Enqueue;
    }

    public DataverseEmulatorOptions Options { get; }
    public TimeProvider Time { get; }
    /// <summary>The organisation URL, without a trailing slash.</summary>
    public Uri Url { get; }
    public string OrgUrl => Url.GetLeftPart(UriPartial.Authority);
    /// <summary>The Web API root, e.g. <c>http://127.0.0.1:5571/api/data/v9.2/</c>.</summary>
    public string ApiBase => OrgUrl + "/api/data/v9.2/";
    public DataverseStore Store { get; }
    public RecordService Records { get; }
    public TokenIssuer Tokens { get; }
    public ApiStats Stats { get; }
    public FaultInjector Faults { get; }
    public ServiceProtection Protection { get; }
    public DeltaTokenRegistry DeltaTokens { get; }
    public WebhookDispatcher Webhooks { get; }
    /// <summary>Fixed identities WhoAmI and webhook bodies report.</summary>
    public Guid OrganizationId { get; } = DeterministicGuid.For("organization", 1);
    public Guid UserId { get; } = DeterministicGuid.For("systemuser", 1);
    public Guid BusinessUnitId { get; } = DeterministicGuid.For("businessunit", 1);
    public string OrganizationName => "sandbox";
}
