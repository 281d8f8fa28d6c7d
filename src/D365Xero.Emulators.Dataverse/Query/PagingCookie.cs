using System.Globalization;
using System.Text.RegularExpressions;

namespace D365Xero.Emulators.Dataverse;

/// <summary>
/// The <c>$skiptoken</c> of a nextLink, shaped like Dataverse's paging cookie
/// (query-contacts-page1-with-nextlink.json). Clients must treat it as opaque (docs/dataverse-rules.md#d-paging; learn.microsoft.com/power-apps/developer/data-platform/webapi/query/page-results); the
/// emulator keeps the last primary key of the page, an offset for ordered queries, and the change-tracking
/// version a tracked query started at.
/// </summary>
internal sealed partial record PagingCookie(int PageNumber, Guid? LastId, int Offset, long? Version, bool IsTracking)
{
    public string Encode(string primaryKey, Guid firstId)
    {
        var inner = LastId is { } last
            ? $"<cookie page=\"{PageNumber - 1}\"><{primaryKey} last=\"{{{last.ToString().ToUpperInvariant()}}}\" first=\"{{{firstId.ToString().ToUpperInvariant()}}}\" /></cookie>"
            : $"<cookie page=\"{PageNumber - 1}\" />";
        var version = Version is { } v ? $" version=\"{v}\"" : "";
        return $"<cookie pagenumber=\"{PageNumber}\" pagingcookie=\"{Uri.EscapeDataString(Uri.EscapeDataString(inner))}\" offset=\"{Offset}\"{version} istracking=\"{(IsTracking ? "True" : "False")}\" />";
    }

    public static PagingCookie Decode(string token)
    {
        var page = PageNumberPattern().Match(token);
        var offset = OffsetPattern().Match(token);
        if (!page.Success || !offset.Success) throw Errors.BadRequest("The $skiptoken is not valid.");
        var inner = Uri.UnescapeDataString(Uri.UnescapeDataString(token));
        var last = LastPattern().Match(inner);
        var version = VersionPattern().Match(token);
        return new PagingCookie(
            int.Parse(page.Groups[1].Value, CultureInfo.InvariantCulture),
            last.Success ? Guid.Parse(last.Groups[1].Value) : null,
            int.Parse(offset.Groups[1].Value, CultureInfo.InvariantCulture),
            version.Success ? long.Parse(version.Groups[1].Value, CultureInfo.InvariantCulture) : null,
            token.Contains("istracking=\"True\"", StringComparison.Ordinal));
    }

    [GeneratedRegex("pagenumber=\"(\\d+)\"")]
    private static partial Regex PageNumberPattern();

    [GeneratedRegex(" offset=\"(\\d+)\"")]
    private static partial Regex OffsetPattern();

    [GeneratedRegex(" version=\"(\\d+)\"")]
    private static partial Regex VersionPattern();

    [GeneratedRegex("last=\"\\{([0-9A-Fa-f-]{36})\\}\"")]
    private static partial Regex LastPattern();
}
