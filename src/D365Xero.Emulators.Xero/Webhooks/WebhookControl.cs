using System.Text.Json;
using System.Text.Json.Serialization;

namespace D365Xero.Emulators.Xero.Webhooks;

/// <summary>
/// The emulator's stand-in for the developer portal's Webhooks page: POST /_emulator/webhooks subscribes
/// ({"url","key","categories"?,"batchWindowMs"?}), GET reads the state, POST /_emulator/webhooks/intent runs the
/// intent-to-receive check.
/// </summary>
internal static class WebhookControl
{
    private static readonly JsonSerializerOptions Relaxed = new(JsonSerializerDefaults.Web);

    public static void MapWebhookControl(this WebApplication app, WebhookDispatcher webhooks)
    {
        app.MapPost("/_emulator/webhooks", async (HttpContext ctx) =>
        {
            SubscribeRequest? request;
            try
            {
                request = await JsonSerializer.DeserializeAsync<SubscribeRequest>(ctx.Request.Body, Relaxed, ctx.RequestAborted);
            }
            catch (JsonException)
            {
                request = null;
            }
            if (request is null) return Results.BadRequest(new { error = "Send {\"url\",\"key\",\"categories\"?,\"batchWindowMs\"?}." });
            var (subscription, problem) = WebhookSubscription.Create(request.Url, request.Key, request.Categories);
            if (subscription is null) return Results.BadRequest(new { error = problem });
            if (request.BatchWindowMs is { } ms)
            {
                if (ms < 0) return Results.BadRequest(new { error = "batchWindowMs must be 0 or more." });
                webhooks.BatchWindow = TimeSpan.FromMilliseconds(ms);
            }
            webhooks.Subscribe(subscription);
            return Results.Ok(webhooks.Snapshot());
        });

        app.MapGet("/_emulator/webhooks", () => Results.Ok(webhooks.Snapshot()));

        app.MapPost("/_emulator/webhooks/intent", async () =>
        {
            if (webhooks.Subscription is null) return Results.BadRequest(new { error = "No webhook is configured: POST /_emulator/webhooks first." });
            return Results.Ok(await webhooks.IntentToReceiveAsync());
        });
    }

    private sealed record SubscribeRequest(
        [property: JsonPropertyName("url")] string? Url,
        [property: JsonPropertyName("key")] string? Key,
        [property: JsonPropertyName("categories")] List<string>? Categories,
        [property: JsonPropertyName("batchWindowMs")] double? BatchWindowMs);
}
