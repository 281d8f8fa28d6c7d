using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using D365Xero.RoundTrip;

namespace D365Xero.Hosting.Web;

/// <summary>
/// What Xero does when a webhook is saved, re-enabled or its URL changed, done by <c>check</c>: POSTs of
/// <c>{"events": [], "firstEventSequence": 0, "lastEventSequence": 0, "entropy": "…"}</c> to the delivery URL,
/// one correctly signed, which must get 200 with no body and no cookies within 5 s, and one wrongly signed,
/// which must get 401 (https://developer.xero.com/documentation/webhooks/configuring-your-server).
/// </summary>
public static class XeroIntentToReceive
{
    /// <summary>Xero's limit for an answer.</summary>
    public static readonly TimeSpan AnswerWithin = TimeSpan.FromSeconds(5);

    /// <summary>How long one post is waited for before it counts as unanswered.</summary>
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(15);

    /// <summary>An intent-to-receive body with a fresh entropy string, as Xero sends it.</summary>
    public static string Body() =>
        $$"""{"events":[],"lastEventSequence":0,"firstEventSequence":0,"entropy":"{{RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 20)}}"}""";

    /// <summary>Both posts; the result names what each got.</summary>
    public static async Task<CheckResult> CheckAsync(string name, Uri url, string webhookKey, HttpClient http, CancellationToken ct)
    {
        var body = Body();
        var right = XeroWebhookSignature.Compute(Encoding.UTF8.GetBytes(body), webhookKey);
        var wrong = XeroWebhookSignature.Compute(Encoding.UTF8.GetBytes(body), webhookKey + "-not-the-key");
        const string fix = "run `d365-xero serve` where this URL reaches it, with the same Xero__WebhookKey as the app's webhook in Xero's developer portal";

        var signed = await PostAsync(http, url, body, right, ct);
        if (signed.Failure is { } unreachable) return CheckResult.Fail(name, $"a correctly signed intent-to-receive to {url} got no answer: {unreachable}", fix);
        if (signed.Status != HttpStatusCode.OK)
            return CheckResult.Fail(name, $"a correctly signed intent-to-receive to {url} got {Describe(signed)}, not 200: Xero would not enable the webhook", fix);
        if (signed.BodyLength > 0 || signed.SetsCookie)
            return CheckResult.Fail(name, $"{url} answered 200 with {(signed.BodyLength > 0 ? $"a body of {signed.BodyLength} bytes" : "a cookie")}: Xero wants no body and no cookies",
                "make sure nothing between Xero and serve (a proxy, a gateway) adds a body or cookies");
        if (signed.Took > AnswerWithin)
            return CheckResult.Fail(name, $"{url} answered 200 after {signed.Took.TotalSeconds:0.0} s: Xero gives up after {AnswerWithin.TotalSeconds:0} s", fix);

        var forged = await PostAsync(http, url, body, wrong, ct);
        if (forged.Failure is { } failure) return CheckResult.Fail(name, $"a wrongly signed intent-to-receive to {url} got no answer: {failure}", fix);
        if (forged.Status != HttpStatusCode.Unauthorized)
            return CheckResult.Fail(name, $"a wrongly signed intent-to-receive to {url} got {Describe(forged)}, not 401: Xero would not enable the webhook", fix);
        return CheckResult.Pass(name, $"{url} answered a correctly signed intent-to-receive 200 (no body, {signed.Took.TotalMilliseconds:0} ms) and a wrongly signed one 401, as Xero requires");
    }

    private sealed record Answer(HttpStatusCode Status, long BodyLength, bool SetsCookie, TimeSpan Took, string? Failure = null);

    private static async Task<Answer> PostAsync(HttpClient http, Uri url, string body, string signature, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(GiveUpAfter);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(XeroWebhookSignature.Header, signature);
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await http.SendAsync(request, timeout.Token);
            var content = await response.Content.ReadAsByteArrayAsync(timeout.Token);
            return new Answer(response.StatusCode, content.Length, response.Headers.Contains("Set-Cookie"), clock.Elapsed);
        }
        catch (HttpRequestException e)
        {
            return new Answer(0, 0, false, clock.Elapsed, e.Message);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new Answer(0, 0, false, clock.Elapsed, $"nothing within {GiveUpAfter.TotalSeconds:0} s");
        }
    }

    private static string Describe(Answer a) => $"{(int)a.Status} {a.Status}";
}
