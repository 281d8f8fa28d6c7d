using System.Net;

namespace D365Xero.Emulators.Xero.Webhooks;

/// <summary>
/// One webhook POST as Xero makes it: the raw body, its x-xero-signature, and 5 s (on the emulator's
/// <see cref="TimeProvider"/>) for the answer. Rule: docs/xero-rules.md#x-webhook-response;
/// developer.xero.com/documentation/webhooks/configuring-your-server.
/// </summary>
internal sealed class WebhookPoster(TimeProvider time) : IAsyncDisposable
{
    /// <summary>Xero's limit for an answer.</summary>
    public static readonly TimeSpan AnswerWithin = TimeSpan.FromSeconds(5);

    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false, UseCookies = false }) { Timeout = Timeout.InfiniteTimeSpan };
    private readonly CancellationTokenSource _stopping = new();

    public bool Stopping => _stopping.IsCancellationRequested;

    /// <summary>The status (0 when none came), whether it came within 5 s, and whether the body was empty.</summary>
    public async Task<Answer> PostAsync(Uri url, byte[] body, string signature)
    {
        if (Stopping) return new Answer(0, false, true);
        using var timeout = new CancellationTokenSource(AnswerWithin, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _stopping.Token);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation(WebhookSignature.Header, signature);
        try
        {
            using var response = await _http.SendAsync(request, linked.Token);
            var text = await response.Content.ReadAsByteArrayAsync(linked.Token);
            return new Answer((int)response.StatusCode, true, text.Length == 0);
        }
        catch (OperationCanceledException)
        {
            return new Answer(0, false, true);
        }
        catch (HttpRequestException e)
        {
            return new Answer(e.StatusCode is HttpStatusCode code ? (int)code : 0, true, true);
        }
        catch (ObjectDisposedException)
        {
            return new Answer(0, false, true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _http.Dispose();
    }

    internal sealed record Answer(int Status, bool InTime, bool EmptyBody);
}
