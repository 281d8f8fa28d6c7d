namespace D365Xero.Emulators.Xero.Identity;

/// <summary>An issued refresh token and when, if ever, it was rotated out.</summary>
internal sealed class RefreshGrant(string scope, DateTimeOffset issuedAt)
{
    public string Scope { get; } = scope;

    public DateTimeOffset IssuedAt { get; } = issuedAt;

    public DateTimeOffset? RotatedAt { get; set; }

    public bool Revoked { get; set; }
}
