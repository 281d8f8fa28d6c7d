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
        XeroWebhooksReceived = _meter.CreateCounter<long>("d365xero_xero_webhooks_received", description: "Xero webhook posts answered 200 (signed with a connection's key; intent-to-receive included).");
        XeroWebhooksRejected = _meter.CreateCounter<long>("d365xero_xero_webhooks_rejected", description: "Xero webhook posts refused (signature, body, busy, store unavailable).");
        ChangeLatency = _meter.CreateHistogram<double>("d365xero_change_latency", unit: "s", description: "From a change being heard of to its row reaching Xero.");
    }

    public Counter<long> WebhooksReceived { get; }
    public Counter<long> WebhooksRejected { get; }
    public Counter<long> XeroWebhooksReceived { get; }
    public Counter<long> XeroWebhooksRejected { get; }
    public Histogram<double> ChangeLatency { get; }

    /// <summary>
    /// <c>d365xero_service_unavailable{connection,service}</c>: 1 while this instance finds the service unavailable
    /// (its circuit open), else 0; and <c>d365xero_service_unavailable_seconds</c>, how long it has been.
    /// </summary>
    public void ObserveOutages(IReadOnlyList<Sync.SyncConnection> connections)
    {
        IEnumerable<(Sync.SyncConnection Connection, Errors.ServiceBreaker Breaker)> All() =>
            connections.SelectMany(c => c.Outages.Breakers.Select(b => (c, b)));
        _meter.CreateObservableGauge("d365xero_service_unavailable", () => All().Select(x =>
            new Measurement<int>(x.Breaker.Outage is null ? 0 : 1, Tags(x.Connection, x.Breaker))),
            description: "1 while the service is unavailable (its circuit breaker open): nothing is sent to it but a probe.");
        _meter.CreateObservableGauge("d365xero_service_unavailable_seconds", () => All().Select(x =>
            new Measurement<double>(x.Breaker.Outage is { } o ? (x.Connection.Time.GetUtcNow() - o.Since).TotalSeconds : 0, Tags(x.Connection, x.Breaker))),
            unit: "s", description: "How long the service has been unavailable; 0 while it answers.");
    }

    private static KeyValuePair<string, object?>[] Tags(Sync.SyncConnection connection, Errors.ServiceBreaker breaker) =>
        [new("connection", connection.Name), new("service", breaker.Service)];

    public void Dispose() => _meter.Dispose();
}
