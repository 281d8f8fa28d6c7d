using System.Text.Json;
using D365Xero.Emulators.Xero.Common;
using D365Xero.Emulators.Xero.Gate;
using D365Xero.Emulators.Xero.Identity;
using D365Xero.Emulators.Xero.Organisation;

namespace D365Xero.Emulators.Xero.Control;

/// <summary>The emulator's own API under /_emulator/: faults, limits, test-only actions and observations. Not Xero's; no auth.</summary>
internal static class ControlEndpoints
{
    private static readonly JsonSerializerOptions Relaxed = new(JsonSerializerDefaults.Web);

    public static void MapControl(this WebApplication app, ControlSurface s)
    {
        app.MapPost("/_emulator/faults", async (HttpContext ctx) =>
        {
            var plan = await Read<FaultPlan>(ctx);
            if (plan is null) return Results.BadRequest();
            s.Faults.Apply(plan);
            return Results.Ok(plan);
        });
        app.MapDelete("/_emulator/faults", () =>
        {
            s.Faults.Clear();
            return Results.NoContent();
        });

        app.MapPost("/_emulator/limits", async (HttpContext ctx) =>
        {
            var request = await Read<LimitsRequest>(ctx);
            if (request is null) return Results.BadRequest();
            s.CurrentLimits = new RateLimitSettings(
                request.ConcurrentLimit ?? s.CurrentLimits.ConcurrentLimit,
                request.MinuteLimit ?? s.CurrentLimits.MinuteLimit,
                request.MinuteWindowSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : s.CurrentLimits.MinuteWindow,
                request.DayLimit ?? s.CurrentLimits.DayLimit);
            s.Limiter.Configure(s.CurrentLimits);
            return Results.Ok(new
            {
                concurrentLimit = s.CurrentLimits.ConcurrentLimit,
                minuteLimit = s.CurrentLimits.MinuteLimit,
                minuteWindowSeconds = s.CurrentLimits.MinuteWindow.TotalSeconds,
                dayLimit = s.CurrentLimits.DayLimit,
            });
        });

        // Test-only: change the organisation's settings (accounts, tax rates, tracking options, lock dates) as a person would in Xero.
        app.MapPost("/_emulator/settings", async (HttpContext ctx) =>
        {
            var change = await Read<SettingsChange>(ctx);
            if (change is null) return Results.BadRequest();
            lock (s.Organisation.Sync)
            {
                var error = SettingsControl.Apply(s.Organisation.Settings, change, s.Time.GetUtcNow());
                return error is null ? Results.Ok(change) : Results.BadRequest(new { error });
            }
        });

        app.MapGet("/_emulator/stats", () => Results.Ok(s.Stats.Snapshot(s.Limiter.InFlight)));
        app.MapPost("/_emulator/stats/reset", () =>
        {
            s.Stats.Reset();
            return Results.NoContent();
        });
        app.MapGet("/_emulator/requests", () => Results.Ok(s.Journal.Snapshot()));

        app.MapPost("/_emulator/tokens/revoke", () =>
        {
            s.Tokens.RevokeRefreshTokens();
            return Results.NoContent();
        });

        // Test-only: every access token issued so far expires now (the next call with one gets 401 TokenExpired).
        app.MapPost("/_emulator/tokens/expire", () =>
        {
            s.Tokens.ExpireAccessTokens();
            return Results.NoContent();
        });

        // Test-only: the Custom Connection re-authorised with other scopes, e.g. {"scopes":"accounting.contacts"}.
        app.MapPost("/_emulator/customconnection/scopes", async (HttpContext ctx) =>
        {
            var request = await Read<ScopesRequest>(ctx);
            if (request?.Scopes is null) return Results.BadRequest();
            s.Tokens.SetCustomConnectionScopes(request.Scopes);
            return Results.NoContent();
        });

        // Back to the seed: data, remembered keys, limit windows, faults and observations. Tokens survive.
        app.MapPost("/_emulator/reset", () =>
        {
            lock (s.Organisation.Sync) s.Organisation.Reset(s.Seed, s.Time.GetUtcNow());
            s.Idempotency.Clear();
            s.Limiter.Reset();
            s.Faults.Clear();
            s.Stats.Reset();
            s.Journal.Clear();
            return Results.NoContent();
        });
    }

    private static async Task<T?> Read<T>(HttpContext ctx) where T : class
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(ctx.Request.Body, Relaxed, ctx.RequestAborted);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record ScopesRequest(string? Scopes);
}
