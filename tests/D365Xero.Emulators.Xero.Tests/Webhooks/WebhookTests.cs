using System.Net;
using System.Text.Json.Nodes;
using D365Xero.Emulators.Xero.Tests.RoundTrip;
using D365Xero.Emulators.Xero.Tests.Support;

namespace D365Xero.Emulators.Xero.Tests.Webhooks;

public sealed class WebhookTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(250);

    private static async Task Subscribe(XeroTestHost host, WebhookReceiver receiver, params string[] categories)
    {
        var reply = await host.Control("/_emulator/webhooks", new { url = receiver.Url.ToString(), key = WebhookReceiver.Key, categories = categories.Length == 0 ? null : categories });
        Assert.Equal(HttpStatusCode.OK, reply.Status);
    }

    private static async Task<JsonNode> State(XeroTestHost host) => (await host.Get("/_emulator/webhooks")).Body!;

    /// <summary>Polls the emulator's webhook state until it says what the test waits for (the send runs in the background).</summary>
    private static async Task<JsonNode> StateWhen(XeroTestHost host, Func<JsonNode, bool> done)
    {
        for (var i = 0; i < 500; i++)
        {
            var state = await State(host);
            if (done(state)) return state;
            await Task.Delay(20);
        }
        return await State(host);
    }

    [Fact]
    public async Task Changes_within_the_window_go_as_one_signed_post_with_Xeros_event_shape_and_sequences()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await XeroTestHost.StartAsync(seed: "demo");
        await Subscribe(host, receiver);

        var contact = await host.CreateContact(new { Name = "Webhook Co" });
        var invoiceId = await host.AuthorisedInvoice(100m, contact: "Webhook Co");
        Assert.Empty(receiver.Posts);                                   // nothing before the window closes
        host.Time.Advance(Window);
        var first = await receiver.NextAsync();

        await host.Control($"/_emulator/invoices/{invoiceId}/payments", new { Amount = 100m });
        host.Time.Advance(Window);
        var second = await receiver.NextAsync();

        Assert.True(first.SignedWith(WebhookReceiver.Key));
        var body = first.Json;
        var events = body["events"]!.AsArray();
        Assert.Equal(["CONTACT", "INVOICE"], events.Select(e => e!.Text("eventCategory")));
        Assert.All(events, e => Assert.Equal("CREATE", e!.Text("eventType")));
        var invoiceEvent = events[1]!;
        Assert.Equal(invoiceId, invoiceEvent.Text("resourceId"));
        Assert.EndsWith($"/api.xro/2.0/Invoices/{invoiceId}", invoiceEvent.Text("resourceUrl"));
        Assert.Equal(host.Emulator.TenantId, invoiceEvent.Text("tenantId"));
        Assert.Equal("ORGANISATION", invoiceEvent.Text("tenantType"));
        Assert.Equal("2026-03-02T09:00:00.000", invoiceEvent.Text("eventDateUtc"));
        Assert.Equal(contact.Text("ContactID"), events[0]!.Text("resourceId"));
        Assert.Equal(1, body["firstEventSequence"]!.GetValue<int>());
        Assert.Equal(2, body["lastEventSequence"]!.GetValue<int>());
        Assert.Matches("^[A-Z]{20}$", body.Text("entropy"));

        var paid = Assert.Single(second.Json["events"]!.AsArray())!;   // a payment is an UPDATE of its invoice
        Assert.Equal("UPDATE", paid.Text("eventType"));
        Assert.Equal("INVOICE", paid.Text("eventCategory"));
        Assert.Equal(3, second.Json["firstEventSequence"]!.GetValue<int>());
        var state = await StateWhen(host, s => s["deliveries"]!.GetValue<int>() == 2);
        Assert.Equal(2, state["deliveries"]!.GetValue<int>());
        Assert.Equal(3, state["lastEventSequence"]!.GetValue<int>());
        Assert.True(state["enabled"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Only_subscribed_categories_are_sent_and_credit_note_events_carry_type_and_status()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await XeroTestHost.StartAsync(seed: "demo");
        var invoiceId = await host.AuthorisedInvoice(100m);
        await Subscribe(host, receiver, "CREDITNOTE");

        var credit = await host.Control($"/_emulator/invoices/{invoiceId}/credit", new { Amount = 25m });
        host.Time.Advance(Window);
        var post = await receiver.NextAsync();

        Assert.Equal(HttpStatusCode.OK, credit.Status);
        var events = post.Json["events"]!.AsArray();
        Assert.Equal(["CREATE", "UPDATE"], events.Select(e => e!.Text("eventType")));   // created, then allocated
        Assert.All(events, e => Assert.Equal("CREDITNOTE", e!.Text("eventCategory")));
        Assert.Equal(credit.Body!.Text("CreditNoteID"), events[0]!.Text("resourceId"));
        Assert.Equal("ACCRECCREDIT", events[0]!["data"]!.Text("Type"));
        Assert.Equal("AUTHORISED", events[0]!["data"]!.Text("Status"));
        Assert.Equal("PAID", events[1]!["data"]!.Text("Status"));                         // its whole credit allocated
    }

    [Fact]
    public async Task A_delivery_not_answered_within_5_seconds_is_retried_later_with_the_same_events()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await XeroTestHost.StartAsync(seed: "demo");
        await Subscribe(host, receiver);
        var hang = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        receiver.Answer = _ => hang.Task;

        await host.CreateContact(new { Name = "Slow Endpoint Ltd" });
        host.Time.Advance(Window);
        var first = await receiver.NextAsync();
        host.Time.Advance(TimeSpan.FromSeconds(5));                     // no answer yet: Xero gives up on this attempt
        var failed = await StateWhen(host, s => s["failures"]!.GetValue<int>() == 1);
        hang.SetResult(200);
        receiver.Answer = r => Task.FromResult(r.SignedWith(WebhookReceiver.Key) ? 200 : 401);

        host.Time.Advance(TimeSpan.FromSeconds(59));
        Assert.Single(receiver.Posts);                                  // not before a minute has passed
        host.Time.Advance(TimeSpan.FromSeconds(1));
        var retry = await receiver.NextAsync();
        var delivered = await StateWhen(host, s => s["deliveries"]!.GetValue<int>() == 1);

        Assert.Equal(1, failed["failures"]!.GetValue<int>());
        Assert.Equal(1, failed["retriesPending"]!.GetValue<int>());
        Assert.Equal(first.Body, retry.Body);
        Assert.Equal(0, delivered["retriesPending"]!.GetValue<int>());
        Assert.Equal(2, delivered["attempts"]!.GetValue<int>());
    }

    [Fact]
    public async Task Failing_for_24_hours_with_decreasing_frequency_disables_the_webhook()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await XeroTestHost.StartAsync(seed: "demo");
        var contactId = (await host.CreateContact(new { Name = "Down For A Day Ltd" })).Text("ContactID");
        await Subscribe(host, receiver);
        receiver.Answer = _ => Task.FromResult(500);

        // Control endpoints need no token, which would expire long before a day of fake time has passed.
        await host.Control($"/_emulator/contacts/{contactId}/edit", new { EmailAddress = "ap@down.example" });
        host.Time.Advance(Window);
        await receiver.NextAsync();
        var start = host.Time.GetUtcNow();
        var gaps = new List<TimeSpan>();
        JsonNode state;
        while (true)
        {
            var failures = receiver.Posts.Count;
            state = await StateWhen(host, s => s["failures"]!.GetValue<int>() == failures);
            if (!state["enabled"]!.GetValue<bool>()) break;
            var next = DateTimeOffset.Parse(state.Text("nextRetryAt"), System.Globalization.CultureInfo.InvariantCulture);
            gaps.Add(next - host.Time.GetUtcNow());
            host.Time.Advance(next - host.Time.GetUtcNow());
            await receiver.NextAsync();
            Assert.True(gaps.Count < 30, "the webhook was never disabled");
        }
        var lastAttempt = host.Time.GetUtcNow();

        Assert.Contains("24 hours", state.Text("disabledReason"));
        Assert.Equal(0, state["retriesPending"]!.GetValue<int>());
        Assert.Equal(TimeSpan.FromMinutes(1), gaps[0]);
        Assert.True(gaps.Zip(gaps.Skip(1)).All(p => p.Second >= p.First), string.Join(", ", gaps));   // never more often
        Assert.True(gaps[^1] >= TimeSpan.FromHours(4));
        Assert.InRange(lastAttempt - start, TimeSpan.FromHours(20), TimeSpan.FromHours(24));

        // Disabled: later changes are not sent.
        await host.Control($"/_emulator/contacts/{contactId}/edit", new { Name = "Still Down Ltd" });
        host.Time.Advance(TimeSpan.FromHours(1));
        var after = await State(host);
        Assert.Equal(1, after["eventsDropped"]!.GetValue<int>());
        Assert.Equal(gaps.Count + 1, receiver.Posts.Count);

        // Subscribing again enables it.
        await Subscribe(host, receiver);
        receiver.Answer = r => Task.FromResult(200);
        await host.Control($"/_emulator/contacts/{contactId}/edit", new { Name = "Back Up Ltd" });
        host.Time.Advance(Window);
        Assert.Equal("UPDATE", (await receiver.NextAsync()).Json["events"]![0]!.Text("eventType"));
    }

    [Fact]
    public async Task Intent_to_receive_passes_an_endpoint_that_checks_signatures_and_fails_one_that_does_not()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await XeroTestHost.StartAsync();
        await Subscribe(host, receiver);

        var good = await host.Control("/_emulator/webhooks/intent");
        var posts = receiver.Posts;
        receiver.Answer = _ => Task.FromResult(200);                    // accepts anything
        var careless = await host.Control("/_emulator/webhooks/intent");
        var state = await State(host);

        Assert.True(good.Body!["passed"]!.GetValue<bool>(), good.Text);
        var attempts = good.Body!["attempts"]!.AsArray();
        Assert.Contains(attempts, a => a!["correctlySigned"]!.GetValue<bool>());
        Assert.Contains(attempts, a => !a!["correctlySigned"]!.GetValue<bool>());
        Assert.All(posts, p =>
        {
            Assert.Empty(p.Json["events"]!.AsArray());
            Assert.Equal(0, p.Json["firstEventSequence"]!.GetValue<int>());
            Assert.Equal(0, p.Json["lastEventSequence"]!.GetValue<int>());
        });
        Assert.Equal(attempts.Count(a => a!["correctlySigned"]!.GetValue<bool>()), posts.Count(p => p.SignedWith(WebhookReceiver.Key)));
        Assert.False(careless.Body!["passed"]!.GetValue<bool>());
        Assert.Contains(careless.Body!["attempts"]!.AsArray(), a => a!["status"]!.GetValue<int>() == 200 && !a["passed"]!.GetValue<bool>());
        Assert.False(state["enabled"]!.GetValue<bool>());
        Assert.Contains("Intent to receive failed", state.Text("disabledReason"));
    }

    [Fact]
    public async Task The_emulators_options_can_subscribe_at_start_with_their_own_window_and_categories()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await XeroTestHost.StartAsync(seed: "demo", configure: o =>
        {
            o.WebhookUrl = receiver.Url.ToString();
            o.WebhookKey = WebhookReceiver.Key;
            o.WebhookCategories = "INVOICE";
            o.WebhookBatchWindow = TimeSpan.FromSeconds(1);
        });

        var invoiceId = await host.AuthorisedInvoice(10m, contact: "New Contact From Invoice");   // creates the contact too
        host.Time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Empty(receiver.Posts);
        host.Time.Advance(TimeSpan.FromMilliseconds(1));
        var post = await receiver.NextAsync();

        var e = Assert.Single(post.Json["events"]!.AsArray())!;
        Assert.Equal(("INVOICE", invoiceId), (e.Text("eventCategory"), e.Text("resourceId")));
        Assert.Equal(1, post.Json["firstEventSequence"]!.GetValue<int>());
        Assert.Equal(1000, (await State(host))["batchWindowMs"]!.GetValue<double>());
    }

    [Fact]
    public async Task On_the_real_clock_a_change_reaches_the_receiver_well_within_two_seconds()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = await XeroEmulator.StartAsync(new XeroEmulatorOptions
        {
            Url = "http://127.0.0.1:0", WebhookUrl = receiver.Url.ToString(), WebhookKey = WebhookReceiver.Key,
        }, TimeProvider.System);
        using var http = new HttpClient { BaseAddress = emulator.Url };
        using var token = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "sandbox", ["client_secret"] = "sandbox",
        }));
        var accessToken = JsonNode.Parse(await token.Content.ReadAsStringAsync())!.Text("access_token");
        using var put = new HttpRequestMessage(HttpMethod.Put, "/api.xro/2.0/Contacts")
        {
            Content = new StringContent("{\"Contacts\":[{\"Name\":\"Real Clock Ltd\"}]}", System.Text.Encoding.UTF8, "application/json"),
        };
        put.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);

        var started = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(put)).StatusCode);
        var post = await receiver.NextAsync();
        var elapsed = started.Elapsed;

        Assert.Equal("CONTACT", post.Json["events"]![0]!.Text("eventCategory"));
        Assert.True(post.SignedWith(WebhookReceiver.Key));
        Assert.True(elapsed < TimeSpan.FromSeconds(2), $"took {elapsed}");
    }

    [Fact]
    public async Task A_subscription_needs_a_url_and_a_key_and_known_categories()
    {
        await using var host = await XeroTestHost.StartAsync();

        var noKey = await host.Control("/_emulator/webhooks", new { url = "http://127.0.0.1:9/hook" });
        var badCategory = await host.Control("/_emulator/webhooks", new { url = "http://127.0.0.1:9/hook", key = "k", categories = new[] { "PAYMENT" } });
        var intentWithout = await host.Control("/_emulator/webhooks/intent");

        Assert.Equal(HttpStatusCode.BadRequest, noKey.Status);
        Assert.Contains("key", noKey.Body!.Text("error"));
        Assert.Contains("PAYMENT", badCategory.Body!.Text("error"));
        Assert.Equal(HttpStatusCode.BadRequest, intentWithout.Status);
        Assert.False((await State(host))["configured"]!.GetValue<bool>());
    }
}
