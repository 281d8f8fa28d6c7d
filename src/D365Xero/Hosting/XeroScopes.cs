using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace D365Xero.Hosting;

/// <summary>
/// The Xero scopes the connector needs and how to read the granted ones from an access token.
/// Xero access tokens are JWTs with a <c>scope</c> claim (an array of scope names);
/// docs/xero-rules.md#x-scopes; developer.xero.com/faq/granular-scopes gives both vocabularies: the broad scopes of apps made before March 2026
/// (<c>accounting.transactions</c>, <c>accounting.settings</c>) and the granular ones
/// (<c>accounting.invoices</c>, …), with <c>accounting.contacts</c> and <c>accounting.settings(.read)</c> unchanged.
/// </summary>
public static class XeroScopes
{
    /// <summary>One thing the connector does and the scopes, any one of which allows it.</summary>
    public sealed record Need(string What, IReadOnlyList<string> AnyOf);

    /// <summary>
    /// What the connector does in Xero. Items are written under <c>accounting.settings</c> with broad
    /// scopes and under <c>accounting.invoices</c> with granular ones (docs/xero-rules.md#x-scopes; developer.xero.com/faq/granular-scopes), so with broad scopes
    /// <c>accounting.settings.read</c> alone is not enough.
    /// </summary>
    public static readonly IReadOnlyList<Need> Needs =
    [
        new("write contacts", ["accounting.contacts"]),
        new("write invoices", ["accounting.invoices", "accounting.transactions"]),
        new("write items", ["accounting.invoices", "accounting.settings"]),
        new("read settings (accounts, tax rates, currencies)", ["accounting.settings.read", "accounting.settings"]),
    ];

    /// <summary>The needs the granted scopes do not cover (empty when all are covered).</summary>
    public static IReadOnlyList<Need> Missing(IReadOnlySet<string> granted) =>
        Needs.Where(n => !n.AnyOf.Any(granted.Contains)).ToList();

    /// <summary>
    /// The <c>scope</c> claim of a JWT access token (an array, or a space-separated string), or null
    /// when the token is not a JWT or carries no such claim. The signature is not checked: Xero does
    /// that; this only reads what the token says it allows.
    /// </summary>
    public static IReadOnlySet<string>? FromAccessToken(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3) return null;
        JsonNode? payload;
        try
        {
            payload = JsonNode.Parse(Encoding.UTF8.GetString(Base64UrlDecode(parts[1])));
        }
        catch (FormatException)
        {
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
        var claim = (payload as JsonObject)?["scope"];
        IEnumerable<string>? scopes = claim?.GetValueKind() switch
        {
            JsonValueKind.Array => claim.AsArray().Select(s => s?.GetValueKind() == JsonValueKind.String ? s.GetValue<string>() : null).OfType<string>(),
            JsonValueKind.String => claim.GetValue<string>().Split(' ', StringSplitOptions.RemoveEmptyEntries),
            _ => null,
        };
        return scopes?.ToHashSet(StringComparer.Ordinal);
    }

    private static byte[] Base64UrlDecode(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + (4 - s.Length % 4) % 4, '='));
    }
}
