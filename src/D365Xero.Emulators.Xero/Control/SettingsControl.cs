using System.Globalization;
using D365Xero.Emulators.Xero.Organisation;

namespace D365Xero.Emulators.Xero.Control;

/// <summary>Applies a <see cref="SettingsChange"/> to an organisation; the caller holds its lock.</summary>
internal static class SettingsControl
{
    public static string? Apply(OrganisationSettings settings, SettingsChange change, DateTimeOffset now)
    {
        foreach (var a in change.Accounts ?? [])
        {
            var stored = settings.AccountByCode(a.Code) ?? new Account(Guid.NewGuid(), a.Code, a.Name ?? a.Code, a.Type ?? "REVENUE", a.TaxType ?? "NONE", a.Class ?? "REVENUE");
            settings.ReplaceAccount(stored with
            {
                Name = a.Name ?? stored.Name, Type = a.Type ?? stored.Type, Class = a.Class ?? stored.Class, TaxType = a.TaxType ?? stored.TaxType,
                Status = a.Status ?? stored.Status, Updated = now, UpdatedDateUTC = Common.XeroDate.Format(now),
            });
        }
        foreach (var (taxType, status) in change.TaxRateStatuses ?? [])
        {
            var at = settings.TaxRates.FindIndex(t => string.Equals(t.TaxType, taxType, StringComparison.OrdinalIgnoreCase));
            if (at < 0) return $"No tax rate {taxType}.";
            settings.TaxRates[at] = settings.TaxRates[at] with { Status = status };
        }
        foreach (var o in change.TrackingOptions ?? [])
        {
            if (settings.SetOptionStatus(o.Category, o.Option, o.Status)) continue;
            var at = settings.TrackingCategories.FindIndex(c => string.Equals(c.Name, o.Category, StringComparison.OrdinalIgnoreCase));
            if (at < 0) return $"No tracking category {o.Category}.";
            var category = settings.TrackingCategories[at];
            settings.TrackingCategories[at] = category with { Options = [.. category.Options, new TrackingOption(Guid.NewGuid(), o.Option) { Status = o.Status }] };
        }
        if (change.PeriodLockDate is { } period) settings.PeriodLockDate = Date(period);
        if (change.EndOfYearLockDate is { } year) settings.EndOfYearLockDate = Date(year);
        return null;
    }

    private static DateTime? Date(string text) =>
        text.Length == 0 ? null : DateTime.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
