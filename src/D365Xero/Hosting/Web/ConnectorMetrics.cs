using System.Diagnostics.Metrics;

namespace D365Xero.Hosting.Web;

/// <summary>The connector's own metrics (meter <c>D365Xero</c>), exported by OpenTelemetry at <c>/metrics</c>.</summary>
public sealed class ConnectorMetrics : IDisposable
{
    public const string MeterName = "D365Xero";

    private readonly Meter _meter = new(MeterName);

    public ConnectorMetrics()
    {
        WebhooksReceived = _meter.CreateCounter<long>("d365xero_webhooks_received", description: "Webhook posts accepted and queued.");
        WebhooksRejected = _meter.CreateCounter<long>("d365xero_webhooks_rejected", description: "Webhook posts refused (secret, body).");
        ChangeLatency = _meter.CreateHistogram<double>("d365xero_change_latency", unit: "s", description: "From a change being heard of to its row reaching Xero.");
    }

    public Counter<long> WebhooksReceived { get; }
    public Counter<long> WebhooksRejected { get; }
    public Histogram<double> ChangeLatency { get; }

    public void Dispose() => _meter.Dispose();
}
