using D365Xero.Emulators.Xero.Common;

namespace D365Xero.Emulators.Xero.Organisation;

/// <summary>Organisation settings: the organisation, accounts, tax rates and currencies.</summary>
internal static class OrganisationEndpoints
{
    public static void MapOrganisationSettings(this WebApplication app, XeroOrganisation org, TimeProvider time, DateTimeOffset connectedAt)
    {
        const string root = "/api.xro/2.0";

        app.MapGet(root + "/Organisation", () => ApiReply.Json(200, Envelope.Of("Organisations", new[]
        {
            new Dictionary<string, object?>
            {
                ["OrganisationID"] = org.TenantId,
                ["Name"] = ReferenceData.OrganisationName,
                ["LegalName"] = ReferenceData.OrganisationName,
                ["BaseCurrency"] = ReferenceData.BaseCurrency,
                ["CountryCode"] = "US",
                ["OrganisationType"] = "COMPANY",
                ["OrganisationStatus"] = "ACTIVE",
                ["IsDemoCompany"] = true,
                ["PaysTax"] = true,
                ["Version"] = "GLOBAL",
                ["Timezone"] = "UTC",
                ["ShortCode"] = "!d365x",
                ["CreatedDateUTC"] = XeroDate.Format(connectedAt),
                ["PeriodLockDate"] = LockDate(org.Settings.PeriodLockDate),
                ["EndOfYearLockDate"] = LockDate(org.Settings.EndOfYearLockDate),
            },
        }, time.GetUtcNow())).ToResult());

        app.MapReferenceData(org, time);

        app.MapGet(root + "/Currencies", () =>
        {
            lock (org.Sync) return ApiReply.Json(200, Envelope.Of("Currencies", Enabled(org), time.GetUtcNow())).ToResult();
        });

        // Rule: [SPEC] PUT /Currencies adds a currency to the organisation (body: one Currency).
        app.MapPut(root + "/Currencies", async (HttpContext ctx) =>
        {
            var currency = TryRead(await RequestBody.ReadAsync(ctx));
            if (currency?.Code is null) return ApiReply.Json(400, XeroErrors.NoData("Currency")).ToResult();
            var code = currency.Code.ToUpperInvariant();
            if (!ReferenceData.KnownCurrencies.TryGetValue(code, out var description))
                return ApiReply.Json(400, XeroErrors.ValidationMessage($"Currency code '{code}' is not a valid ISO-4217 code.")).ToResult();
            lock (org.Sync)
            {
                org.EnabledCurrencies.Add(code);
                return ApiReply.Json(200, Envelope.Of("Currencies", new[] { new Currency { Code = code, Description = description } }, time.GetUtcNow())).ToResult();
            }
        });
    }

    private static string? LockDate(DateTime? date) => date is { } d ? XeroDate.Format(new DateTimeOffset(d, TimeSpan.Zero)) : null;

    private static List<Currency> Enabled(XeroOrganisation org) =>
        org.EnabledCurrencies.Order().Select(c => new Currency { Code = c, Description = ReferenceData.KnownCurrencies.GetValueOrDefault(c) }).ToList();

    private static Currency? TryRead(string body)
    {
        try
        {
            return XeroJson.Deserialize<Currency>(body);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
