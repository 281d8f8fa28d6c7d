namespace D365Xero.Target.Xero.Auth;

/// <summary>What the token endpoint gave: the access token, its lifetime, and (refresh flow) the rotated refresh token.</summary>
internal sealed record XeroTokenResponse(string AccessToken, TimeSpan ExpiresIn, string? RefreshToken);
