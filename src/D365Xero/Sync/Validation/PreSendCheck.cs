using D365Xero.Sync.Steps;

namespace D365Xero.Sync.Validation;

/// <summary>
/// The last part of Plan: each plan about to send is checked against the organisation's settings (a value named in
/// the mapping is then resolved to the id Xero takes, e.g. a branding theme's name to its BrandingThemeID); one that
/// fails becomes Fail with the reason and is marked refused-before-send, so it costs no Xero call and is
/// looked at again when the settings change or the process restarts (<see cref="RefusedRows"/>). The
/// settings are read only when something would be sent, so an unchanged pass costs no call.
/// </summary>
public static class PreSendCheck
{
    public static async Task<IReadOnlyList<RowPlan<T>>> ApplyAsync<T>(
        IReadOnlyList<RowPlan<T>> plans, XeroReferenceData reference, Func<T, XeroSettings, string?> check, CancellationToken ct,
        Func<T, XeroSettings, T>? resolve = null) where T : class
    {
        if (!plans.Any(Checked)) return plans;
        var settings = await reference.GetAsync(ct);
        return plans.Select(plan =>
        {
            if (!Checked(plan)) return plan;
            var cleared = plan with { Detail = plan.Detail with { RefusedBeforeSend = null } };
            return check(plan.Payload!, settings) is { } reason
                // No payload or hash kept: the next look plans and checks it again rather than finding it unchanged.
                ? cleared with { Action = PlannedAction.Fail, Reason = reason, Payload = null, Hash = null, Detail = cleared.Detail with { RefusedBeforeSend = true } }
                // A value named in the mapping (a branding theme's name) is sent as the id Xero knows it by.
                : resolve is null ? cleared : cleared with { Payload = resolve(plan.Payload!, settings) };
        }).ToList();
    }

    /// <summary>A create, update or match is checked; an archive (delete, void) sends nothing the settings govern.</summary>
    private static bool Checked<T>(RowPlan<T> plan) where T : class =>
        plan is { Action: PlannedAction.Create or PlannedAction.Update or PlannedAction.Match, Payload: not null };

    /// <summary>Whether Xero's refusal is about one of its settings (then the cache is out of date).</summary>
    public static bool IsAboutSettings(string? refusal) => refusal is not null &&
        new[] { "Account code", "TaxType", "tracking", "lock date", "Branding theme", "currency", "contact group" }.Any(w => refusal.Contains(w, StringComparison.OrdinalIgnoreCase));
}
