using System.Globalization;
using System.Text.RegularExpressions;

namespace D365Xero.Emulators.Xero.Common;

/// <summary>Xero's Microsoft JSON dates, "/Date(1439434356790+0000)/". Rule: [D-reqresp] docs/xero-rules.md#x-json-dates; developer.xero.com/documentation/api/requests-and-responses.</summary>
internal static partial class XeroDate
{
    public static string Format(DateTimeOffset at) => $"/Date({at.ToUnixTimeMilliseconds()}+0000)/";

    /// <summary>The ISO form Xero sends beside a date, e.g. DateString "2024-01-31T00:00:00".</summary>
    public static string FormatIso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>Accepts both forms clients send: "/Date(ms+0000)/" and ISO-8601 ("2024-01-31" or with a time).</summary>
    public static bool TryParse(string text, out DateTimeOffset at)
    {
        var match = MsDate().Match(text);
        if (match.Success)
        {
            at = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
            return true;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out at);
    }

    [GeneratedRegex(@"^/Date\((-?\d+)([+-]\d{4})?\)/$")]
    private static partial Regex MsDate();
}
