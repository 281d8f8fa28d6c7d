using System.Globalization;

namespace D365Xero.Emulators.Xero.Common;

/// <summary>
/// The If-Modified-Since header of a list read: only records whose UpdatedDateUTC is later come back.
/// Rule: [SPEC] ifModifiedSince parameter; docs/xero-rules.md#x-if-modified-since; developer.xero.com/documentation/api/accounting/requests-and-responses.
/// </summary>
internal static class ModifiedSince
{
    /// <summary>The header as a UTC instant (an HTTP date or ISO-8601, e.g. 2026-03-02T09:00:00), or null when absent or unreadable.</summary>
    public static DateTimeOffset? Read(HttpRequest request)
    {
        var text = request.Headers.IfModifiedSince.ToString();
        return text.Length > 0 && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? at : null;
    }

    public static bool Passes(string? updatedDateUtc, DateTimeOffset? since) =>
        since is null || (updatedDateUtc is not null && XeroDate.TryParse(updatedDateUtc, out var at) && at > since);
}
