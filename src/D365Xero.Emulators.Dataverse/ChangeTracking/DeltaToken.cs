using System.Globalization;

namespace D365Xero.Emulators.Dataverse;

/// <summary>
/// A change-tracking token: <c>{version}!{MM/dd/yyyy HH:mm:ss}</c>, as the sample token
/// <c>919042!08/22/2017 08:10:44</c> decodes (docs/dataverse-rules.md#d-change-tracking-initial; learn.microsoft.com/power-apps/developer/data-platform/use-change-tracking-synchronize-data-external-systems). Opaque to clients.
/// </summary>
internal sealed record DeltaToken(long Version, DateTimeOffset IssuedAt)
{
    private const string TimeFormat = "MM/dd/yyyy HH:mm:ss";

    public override string ToString() =>
        $"{Version}!{IssuedAt.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture)}";

    public static DeltaToken? TryParse(string text)
    {
        var bang = text.IndexOf('!');
        if (bang < 0 || !long.TryParse(text[..bang], NumberStyles.None, CultureInfo.InvariantCulture, out var version)) return null;
        if (!DateTime.TryParseExact(text[(bang + 1)..], TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)) return null;
        return new DeltaToken(version, new DateTimeOffset(at, TimeSpan.Zero));
    }
}
