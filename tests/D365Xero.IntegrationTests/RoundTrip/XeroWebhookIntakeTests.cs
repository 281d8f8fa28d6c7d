using System.Net;
using D365Xero.Hosting;
using D365Xero.Hosting.Web;
using D365Xero.RoundTrip;

namespace D365Xero.IntegrationTests.RoundTrip;

/// <summary>
/// `POST /webhooks/xero` over real HTTP: Xero's signature, intent-to-receive, and each event queued on the journal of
/// the connection whose organisation it happened in (https://developer.xero.com/documentation/webhooks/configuring-your-server).
/// The workers stay paused (no write-back columns), so the journal holds exactly what the intake queued.
/// </summary>
public sealed class XeroWebhookIntakeTests
{
    private static readonly Guid Elsewhere = Guid.Parse("0d1b2c3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d");

    [Fact]
    public async Task A_correctly_signed_post_gets_200_with_no_body_and_queues_each_event_on_its_queue()
    {
        await using var h = await XeroWebhookHarness.StartAsync(tenant: XeroWebhookHarness.Tenant);
        Guid invoice = await h.LinkedInvoiceAsync(), creditNote = Guid.NewGuid(), contact = Guid.NewGuid();
        var body = XeroWebhookHarness.Body(
            ("INVOICE", invoice, XeroWebhookHarness.Tenant), ("INVOICE", invoice, XeroWebhookHarness.Tenant), // twice: one entry
            ("CREDITNOTE", creditNote, XeroWebhookHarness.Tenant), ("CONTACT", contact, XeroWebhookHarness.Tenant),
            ("SUBSCRIPTION", Guid.NewGuid(), Guid.NewGuid()), ("PAYMENT", Guid.NewGuid(), XeroWebhookHarness.Tenant));

        using var response = await h.PostAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.False(response.Headers.Contains("Set-Cookie"));
        var pending = await h.PendingAsync(h.First);
        Assert.Equal(new Dictionary<string, long> { [XeroEventQueues.Invoice] = 1, [XeroEventQueues.CreditNote] = 1, [XeroEventQueues.Contact] = 1 },
            pending.Where(p => p.Value > 0).ToDictionary());
    }

    [Fact]
    public async Task A_wrongly_signed_or_unsigned_post_gets_401_with_no_body_and_queues_nothing()
    {
        await using var h = await XeroWebhookHarness.StartAsync(tenant: XeroWebhookHarness.Tenant);
        var body = XeroWebhookHarness.Body(("INVOICE", Guid.NewGuid(), XeroWebhookHarness.Tenant));

        foreach (var key in new[] { "wrong", XeroWebhookHarness.Key + "x", XeroWebhookHarness.Key.ToUpperInvariant(), null })
        {
            using var refused = await h.PostAsync(body, key);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Empty(await refused.Content.ReadAsByteArrayAsync());
        }
        using (var garbled = await PostWithSignatureAsync(h, body, "not base64!")) Assert.Equal(HttpStatusCode.Unauthorized, garbled.StatusCode);

        Assert.Equal(0, (await h.PendingAsync(h.First)).Values.Sum());
    }

    [Fact]
    public async Task Intent_to_receive_gets_200_when_signed_and_401_when_not()
    {
        await using var h = await XeroWebhookHarness.StartAsync();
        var body = XeroIntentToReceive.Body();

        using var signed = await h.PostAsync(body);
        using var forged = await h.PostAsync(body, "not-the-key");

        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        Assert.Empty(await signed.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Empty(await forged.Content.ReadAsByteArrayAsync());
        Assert.Equal(0, (await h.PendingAsync(h.First)).Values.Sum());
    }

    [Fact]
    public async Task Invoice_events_are_queued_only_for_invoices_the_connector_created_and_not_for_its_own_writes()
    {
        await using var h = await XeroWebhookHarness.StartAsync(tenant: XeroWebhookHarness.Tenant);
        var at = XeroWebhookHarness.EventDate;
        var someoneElses = Guid.NewGuid(); // an invoice raised in Xero, not from an order
        var echo = await h.LinkedInvoiceAsync(ourWrite: at); // the event of the connector's own write
        var changed = await h.LinkedInvoiceAsync(ourWrite: at.AddMilliseconds(-1)); // changed in Xero after the connector wrote it
        var neverWritten = await h.LinkedInvoiceAsync(); // matched, never written by the connector

        using var response = await h.PostAsync(XeroWebhookHarness.BodyAt(at,
            ("INVOICE", someoneElses, XeroWebhookHarness.Tenant), ("INVOICE", echo, XeroWebhookHarness.Tenant),
            ("INVOICE", changed, XeroWebhookHarness.Tenant), ("INVOICE", neverWritten, XeroWebhookHarness.Tenant)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var queued = await h.Sync.Store.ClaimAsync(h.First, XeroEventQueues.Invoice, 10, TimeSpan.FromMinutes(1), "test", default);
        Assert.Equal(new[] { changed, neverWritten }.Order(), queued.Select(i => i.DynamicsId).Order());
    }

    [Fact]
    public async Task An_event_of_an_organisation_no_connection_serves_is_ignored_not_queued()
    {
        await using var h = await XeroWebhookHarness.StartAsync(tenant: XeroWebhookHarness.Tenant);

        using var response = await h.PostAsync(XeroWebhookHarness.Body(("INVOICE", Guid.NewGuid(), Elsewhere)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, (await h.PendingAsync(h.First)).Values.Sum());
    }

    [Fact]
    public async Task A_custom_connection_without_a_tenant_id_takes_the_events_of_the_one_organisation_it_reaches()
    {
        await using var h = await XeroWebhookHarness.StartAsync(tenant: null); // learned once from GET /connections
        var invoice = await h.LinkedInvoiceAsync();

        using (var first = await h.PostAsync(XeroWebhookHarness.Body(("INVOICE", invoice, XeroWebhookHarness.Tenant)))) Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using (var other = await h.PostAsync(XeroWebhookHarness.Body(("INVOICE", Guid.NewGuid(), Elsewhere)))) Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        using (var again = await h.PostAsync(XeroWebhookHarness.Body(("CONTACT", Guid.NewGuid(), XeroWebhookHarness.Tenant)))) Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        var pending = await h.PendingAsync(h.First);
        Assert.Equal(1, pending[XeroEventQueues.Invoice]);
        Assert.Equal(1, pending[XeroEventQueues.Contact]);
        // The organisation is learned once for the process; no post spends a Xero call.
        Assert.Equal(1, await h.Sync.Xero.CallsAsync("GET /connections"));
    }

    [Fact]
    public async Task When_the_organisation_cannot_be_learned_the_post_gets_503_so_xero_sends_it_again()
    {
        // No Xero:TenantId, and Xero unreachable: the organisation cannot be learned, so whose event this is cannot be told.
        await using var h = await XeroWebhookHarness.StartAsync(XeroWebhookHarness.Key, null, s =>
        {
            s["Xero:ApiUrl"] = s["Xero:IdentityUrl"] = "http://127.0.0.1:1";
            s["Xero:MaxRetryAttempts"] = "0";
        });
        var body = XeroWebhookHarness.Body(("INVOICE", Guid.NewGuid(), XeroWebhookHarness.Tenant));

        using (var refused = await h.PostAsync(body)) Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        using (var intent = await h.PostAsync(XeroIntentToReceive.Body())) Assert.Equal(HttpStatusCode.OK, intent.StatusCode); // needs no organisation
        Assert.Equal(0, (await h.PendingAsync(h.First)).Values.Sum());
    }

    [Fact]
    public async Task A_body_over_the_webhook_limit_gets_413_and_queues_nothing()
    {
        await using var h = await XeroWebhookHarness.StartAsync(tenant: XeroWebhookHarness.Tenant);
        var events = Enumerable.Range(0, 8000).Select(_ => ("INVOICE", Guid.NewGuid(), XeroWebhookHarness.Tenant)).ToArray();
        var body = XeroWebhookHarness.Body(events);
        Assert.True(body.Length > h.Settings.WebhookLimits.MaxBodyBytes);

        using var response = await h.PostAsync(body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, (await h.PendingAsync(h.First)).Values.Sum());
    }

    [Fact]
    public async Task Two_connections_of_one_app_each_get_only_their_own_organisations_events()
    {
        await using var h = await XeroWebhookHarness.StartAsync(tenant: XeroWebhookHarness.Tenant, others: (XeroWebhookHarness.Key, Elsewhere));
        Guid mine = await h.LinkedInvoiceAsync(), theirs = Guid.NewGuid();

        using var response = await h.PostAsync(XeroWebhookHarness.Body(("INVOICE", mine, XeroWebhookHarness.Tenant), ("CONTACT", theirs, Elsewhere)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new Dictionary<string, long> { [XeroEventQueues.Invoice] = 1 }, NonZero(await h.PendingAsync(h.First)));
        Assert.Equal(new Dictionary<string, long> { [XeroEventQueues.Contact] = 1 }, NonZero(await h.PendingAsync("other1")));
    }

    [Fact]
    public async Task With_different_keys_a_post_reaches_only_the_connections_whose_key_signed_it()
    {
        const string otherKey = "the-other-apps-key";
        await using var h = await XeroWebhookHarness.StartAsync(tenant: XeroWebhookHarness.Tenant, others: (otherKey, Elsewhere));
        var body = XeroWebhookHarness.Body(("INVOICE", await h.LinkedInvoiceAsync(), XeroWebhookHarness.Tenant), ("INVOICE", await h.LinkedInvoiceAsync("other1"), Elsewhere));

        using (var byFirst = await h.PostAsync(body)) Assert.Equal(HttpStatusCode.OK, byFirst.StatusCode);
        Assert.Equal(1, (await h.PendingAsync(h.First)).Values.Sum());
        Assert.Equal(0, (await h.PendingAsync("other1")).Values.Sum()); // its organisation's event, but signed with another app's key

        using (var byOther = await h.PostAsync(body, otherKey)) Assert.Equal(HttpStatusCode.OK, byOther.StatusCode);
        Assert.Equal(1, (await h.PendingAsync(h.First)).Values.Sum()); // the first's event, signed with a key it does not have
        Assert.Equal(1, (await h.PendingAsync("other1")).Values.Sum());
    }

    [Fact]
    public async Task A_post_the_journal_cannot_take_gets_503_so_xero_sends_it_again()
    {
        await using var h = await XeroWebhookHarness.StartAsync(tenant: XeroWebhookHarness.Tenant);
        var body = XeroWebhookHarness.Body(("INVOICE", await h.LinkedInvoiceAsync(), XeroWebhookHarness.Tenant));
        await ExecuteSqlAsync(h, "ALTER TABLE journal RENAME TO journal_offline");

        using (var refused = await h.PostAsync(body)) Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);

        await ExecuteSqlAsync(h, "ALTER TABLE journal_offline RENAME TO journal");
        Assert.Equal(0, (await h.PendingAsync(h.First)).Values.Sum());
        using (var again = await h.PostAsync(body)) Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(1, (await h.PendingAsync(h.First)).Values.Sum());
    }

    [Fact]
    public async Task Without_a_webhook_key_the_endpoint_answers_503_saying_so()
    {
        await using var h = await XeroWebhookHarness.StartAsync(key: null);

        using var response = await h.PostAsync(XeroIntentToReceive.Body());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("Xero__WebhookKey", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_signed_body_that_is_not_a_payload_gets_400_and_queues_nothing()
    {
        await using var h = await XeroWebhookHarness.StartAsync(tenant: XeroWebhookHarness.Tenant);

        using var response = await h.PostAsync("""{"entropy":"x"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, (await h.PendingAsync(h.First)).Values.Sum());
    }

    private static Dictionary<string, long> NonZero(IReadOnlyDictionary<string, long> counts) => counts.Where(p => p.Value > 0).ToDictionary();

    private static async Task<HttpResponseMessage> PostWithSignatureAsync(XeroWebhookHarness h, string body, string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "webhooks/xero") { Content = new StringContent(body) };
        request.Headers.TryAddWithoutValidation(XeroWebhookSignature.Header, signature);
        return await h.Http.SendAsync(request);
    }

    private static async Task ExecuteSqlAsync(XeroWebhookHarness h, string sql)
    {
        await using var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={h.Sync.DbPath}");
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
