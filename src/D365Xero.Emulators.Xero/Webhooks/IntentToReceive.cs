using System.Text.Json;

namespace D365Xero.Emulators.Xero.Webhooks;

/// <summary>
/// Intent to receive: several posts with no events (sequences 0), some signed with the webhook key and some
/// not; the endpoint must answer 200 to each good one and 401 to each bad one, with an empty body, within 5 s.
/// Rule: docs/xero-rules.md#x-webhook-intent-to-receive; developer.xero.com/documentation/webhooks/configuring-your-server.
/// </summary>
internal static class IntentToReceive
{
    public static async Task<(bool Passed, List<Dictionary<string, object?>> Attempts)> RunAsync(WebhookPoster poster, WebhookSubscription subscription)
    {
        bool[] signedWell = [true, false, true, false];
        Random.Shared.Shuffle(signedWell);
        var attempts = new List<Dictionary<string, object?>>();
        foreach (var good in signedWell)
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
            {
                ["events"] = Array.Empty<object>(), ["firstEventSequence"] = 0, ["lastEventSequence"] = 0, ["entropy"] = WebhookSignature.Entropy(),
            });
            var signature = WebhookSignature.Sign(body, good ? subscription.Key : subscription.Key + "-wrong-" + WebhookSignature.Entropy());
            var answer = await poster.PostAsync(subscription.Url, body, signature);
            var expected = good ? 200 : 401;
            attempts.Add(new()
            {
                ["correctlySigned"] = good, ["expectedStatus"] = expected, ["status"] = answer.Status,
                ["emptyBody"] = answer.EmptyBody, ["inTime"] = answer.InTime,
                ["passed"] = answer.Status == expected && answer.EmptyBody && answer.InTime,
            });
        }
        return (attempts.All(a => (bool)a["passed"]!), attempts);
    }
}
