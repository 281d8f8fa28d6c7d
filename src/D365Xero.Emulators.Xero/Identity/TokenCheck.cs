namespace D365Xero.Emulators.Xero.Identity;

/// <summary>What a bearer token turned out to be.</summary>
internal sealed record TokenCheck(AccessGrant? Grant, DateTimeOffset? ExpiredAt)
{
    public static readonly TokenCheck Unknown = new(null, null);

    public bool IsValid => Grant is not null && ExpiredAt is null;
}
