using System.Net;
using System.Net.Sockets;
using D365Xero.ReliabilityTests.Support;

namespace D365Xero.ReliabilityTests.Newcomer;

/// <summary>
/// `serve` listens where `Urls` says, and without it on its documented default http://127.0.0.1:5570 (where
/// `register-webhooks` and `sandbox` point Dataverse), never on Kestrel's own default (localhost:5000).
/// </summary>
public sealed class ServeAddressTests
{
    [Fact]
    public async Task Serve_listens_on_the_configured_urls()
    {
        using var free = new TcpListener(IPAddress.Loopback, 0);
        free.Start();
        var port = ((IPEndPoint)free.LocalEndpoint).Port;
        free.Stop();
        await AnswersAsync(port, urls: $"http://127.0.0.1:{port}");
    }

    [Fact]
    public Task Serve_without_urls_listens_on_its_documented_default() => AnswersAsync(5570, urls: null);

    private static async Task AnswersAsync(int port, string? urls)
    {
        var folder = Directory.CreateTempSubdirectory("d365xero-serve-").FullName;
        var settings = NewcomerRun.Unreachable(folder);
        if (urls is not null) settings["Urls"] = urls;
        using var child = ConnectorProcess.Start(settings, folder, "serve");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };

        HttpStatusCode? answer = null;
        var deadline = DateTime.UtcNow + NewcomerRun.Bound;
        while (answer is null && DateTime.UtcNow < deadline && !child.HasExited)
        {
            try { answer = (await http.GetAsync($"http://127.0.0.1:{port}/healthz")).StatusCode; }
            catch (HttpRequestException) { await Task.Delay(200); }
        }
        await child.KillAsync();

        Assert.True(answer == HttpStatusCode.OK, $"nothing answered on http://127.0.0.1:{port}/healthz:\n{child.Output}");
    }
}
