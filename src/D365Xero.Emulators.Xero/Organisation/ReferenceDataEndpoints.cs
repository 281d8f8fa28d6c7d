using System.Globalization;
using D365Xero.Emulators.Xero.Common;

namespace D365Xero.Emulators.Xero.Organisation;

/// <summary>GET /Accounts, /TaxRates, /TrackingCategories, /BrandingThemes: the organisation's settings as they are now.</summary>
internal static class ReferenceDataEndpoints
{
    private const string Root = "/api.xro/2.0";

    public static void MapReferenceData(this WebApplication app, XeroOrganisation org, TimeProvider time)
    {
        // Rule: [SPEC] getAccounts takes If-Modified-Since: only accounts changed after it (docs/xero-rules.md#x-if-modified-since).
        app.MapGet(Root + "/Accounts", (HttpContext ctx) =>
        {
            var since = ModifiedSince(ctx.Request);
            lock (org.Sync)
                return Reply("Accounts", org.Settings.Accounts.Where(a => since is null || a.Updated > since).ToList(), time);
        });
        app.MapGet(Root + "/TaxRates", () =>
        {
            lock (org.Sync) return Reply("TaxRates", org.Settings.TaxRates.ToList(), time);
        });
        // Rule: [SPEC] getTrackingCategories: archived categories and options only with includeArchived=true (docs/xero-rules.md#x-tracking-option-active).
        app.MapGet(Root + "/TrackingCategories", (HttpContext ctx) =>
        {
            var archived = string.Equals(ctx.Request.Query["includeArchived"], "true", StringComparison.OrdinalIgnoreCase);
            lock (org.Sync)
            {
                var categories = org.Settings.TrackingCategories.Where(c => archived || c.Status == "ACTIVE")
                    .Select(c => c with { Options = c.Options.Where(o => archived || o.Status == "ACTIVE").ToList() }).ToList();
                return Reply("TrackingCategories", categories, time);
            }
        });
        app.MapGet(Root + "/BrandingThemes", () =>
        {
            lock (org.Sync) return Reply("BrandingThemes", org.Settings.BrandingThemes.ToList(), time);
        });
    }

    private static IResult Reply(string key, object items, TimeProvider time) => ApiReply.Json(200, Envelope.Of(key, items, time.GetUtcNow())).ToResult();

    private static DateTimeOffset? ModifiedSince(HttpRequest request) =>
        DateTimeOffset.TryParse(request.Headers.IfModifiedSince.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;
}
