using D365Xero.Hosting;

namespace D365Xero.IntegrationTests.RoundTrip;

/// <summary>`check`'s Xero webhook line: Xero's intent-to-receive sent to the delivery URL, over real HTTP.</summary>
public sealed class XeroWebhookCheckTests
{
    [Fact]
    public async Task Check_passes_when_serve_answers_xeros_intent_to_receive_at_the_webhook_url()
    {
        await using var h = await XeroWebhookHarness.StartAsync();
        h.Sync.Connection.Xero.Options.WebhookUrl = h.WebhookUrl.ToString();

        var line = await XeroLineAsync(h);

        Assert.True(line.Passed, line.Detail);
        Assert.Contains("200", line.Detail);
        Assert.Contains("401", line.Detail);
    }

    [Fact]
    public async Task Check_fails_saying_what_it_got_when_the_url_does_not_answer_as_xero_requires()
    {
        await using var h = await XeroWebhookHarness.StartAsync();
        h.Sync.Connection.Xero.Options.WebhookUrl = new Uri(h.Http.BaseAddress!, "webhooks/elsewhere").ToString();

        var line = await XeroLineAsync(h);

        Assert.False(line.Passed);
        Assert.Contains("404", line.Detail);
    }

    [Fact]
    public async Task Check_fails_when_serve_holds_another_key()
    {
        await using var h = await XeroWebhookHarness.StartAsync();
        var options = h.Sync.Connection.Xero.Options;
        options.WebhookUrl = h.WebhookUrl.ToString();
        var served = options.WebhookKey;
        options.WebhookKey = "a-key-serve-does-not-have"; // check signs with this one; serve's intake was built with the other
        try
        {
            var line = await XeroLineAsync(h);

            Assert.False(line.Passed);
            Assert.Contains("401", line.Detail);
        }
        finally
        {
            options.WebhookKey = served;
        }
    }

    [Fact]
    public async Task Without_a_key_check_says_xeros_webhooks_are_off_and_the_poll_reads_invoices_back()
    {
        await using var h = await XeroWebhookHarness.StartAsync(key: null);

        var line = await XeroLineAsync(h);

        Assert.True(line.Passed);
        Assert.Contains("off", line.Detail);
        Assert.Contains("Sync:PollInterval", line.Detail);
    }

    [Fact]
    public async Task With_a_key_but_no_url_check_fails_naming_the_setting()
    {
        await using var h = await XeroWebhookHarness.StartAsync();

        var line = await XeroLineAsync(h);

        Assert.False(line.Passed);
        Assert.Contains("Xero__WebhookUrl", line.Fix);
    }

    private static async Task<CheckResult> XeroLineAsync(XeroWebhookHarness h) =>
        (await new ConnectionCheck(h.Sync.Connection).RunAsync(default)).Single(r => r.Name == "Xero webhooks");
}
