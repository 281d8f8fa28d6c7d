using System.Text.Json.Serialization;

namespace D365Xero.Emulators.Xero.Identity;

/// <summary>The token endpoint's success body (OAuth 2.0 names, snake_case as Xero sends them).</summary>
internal sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken,
    [property: JsonPropertyName("scope")] string Scope);
