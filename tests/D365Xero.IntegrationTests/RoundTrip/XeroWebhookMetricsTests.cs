using System.Net;
using D365Xero.Hosting;
using D365Xero.Hosting.Web;
using D365Xero.RoundTrip;

namespace D365Xero.IntegrationTests.RoundTrip;

/// <summary>Runs alone: OpenTelemetry listens to meters by name, process-wide, so another test's host posting Xero webhooks
/// at the same moment would add to these counts (one host per process in production).</summary>
[CollectionDefinition(nameof(XeroWebhookMetricsCollection), DisableParallelization = true)]
public sealed class XeroWebhookMetricsCollection;

[Collection(nameof(XeroWebhookMetricsCollection))]
public sealed class XeroWebhookMetricsTests
{
    [Fact]
    public async Task Posts_are_counted_in_the_metrics()
    {
        await using var h = await XeroWebhookHarness.StartAsync(tenant: XeroWebhookHarness.Tenant);

        (await h.PostAsync(XeroIntentToReceive.Body())).Dispose();
        (await h.PostAsync(XeroIntentToReceive.Body(), "wrong")).Dispose();
        (await h.PostAsync(XeroIntentToReceive.Body(), "wrong")).Dispose();

        var metrics = await h.Http.GetStringAsync("metrics");
        Assert.Matches(@"(?m)^d365xero_xero_webhooks_received_total(\{[^}]*\})? 1( |$)", metrics);
        Assert.Matches(@"(?m)^d365xero_xero_webhooks_rejected_total(\{[^}]*\})? 2( |$)", metrics);
    }
}
