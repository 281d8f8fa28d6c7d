using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace D365Xero.Emulators.Dataverse;

/// <summary>The emulator's own control API under <c>/_emulator/</c> (not Dataverse's; no auth).</summary>
internal static class ControlEndpoints
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static void Map(IEndpointRouteBuilder app, Func<EmulatorContext> context, Action reset)
    {
        var group = app.MapGroup("/_emulator");
        group.MapPost("/faults", async (HttpRequest request) =>
        {
            var settings = await JsonSerializer.DeserializeAsync<FaultSettings>(request.Body, Web, request.HttpContext.RequestAborted) ?? new FaultSettings();
            context().Faults.Set(settings);
            return Results.NoContent();
        });
        group.MapDelete("/faults", () => { context().Faults.Clear(); return Results.NoContent(); });
        group.MapPost("/changetracking/expire", () => { context().DeltaTokens.ExpireAll(); return Results.NoContent(); });
        group.MapPost("/changetracking/{table}/disable", (string table) =>
        {
            var ctx = context();
            lock (ctx.Store.Gate)
            {
                var definition = ctx.Store.Schema.ByLogicalName(table) ?? ctx.Store.Schema.BySet(table);
                if (definition is null) return Results.NotFound();
                definition.ChangeTrackingEnabled = false;
            }
            return Results.NoContent();
        });
        group.MapPost("/webhooks/disable", () => { context().Webhooks.Enabled = false; return Results.NoContent(); });
        group.MapPost("/webhooks/enable", () => { context().Webhooks.Enabled = true; return Results.NoContent(); });
        group.MapGet("/stats", () => Results.Text(context().Stats.Snapshot().ToJsonString(), "application/json"));
        group.MapPost("/stats/reset", () => { context().Stats.Reset(); return Results.NoContent(); });
        group.MapPost("/reset", () => { reset(); return Results.NoContent(); });
    }
}
