using System.Net;
using D365Xero.Emulators.Xero.Tests.Support;

namespace D365Xero.Emulators.Xero.Tests.Gate;

public sealed class IdempotencyTests
{
    private static readonly object Acme = new { Contacts = new[] { new { Name = "Acme" } } };

    [Fact]
    public async Task Repeat_with_the_same_key_returns_the_first_response_and_creates_nothing_more()
    {
        await using var host = await XeroTestHost.StartAsync();

        var first = await host.Put("/api.xro/2.0/Contacts", Acme, "key-1");
        var second = await host.Put("/api.xro/2.0/Contacts", Acme, "key-1");
        var all = await host.Get("/api.xro/2.0/Contacts");

        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal(first.Text, second.Text);
        Assert.Single(all.Body!["Contacts"]!.AsArray());
    }

    [Fact]
    public async Task Error_responses_are_replayed_too()
    {
        await using var host = await XeroTestHost.StartAsync();
        await host.CreateContact(new { Name = "Acme" });

        var first = await host.Put("/api.xro/2.0/Contacts", Acme, "key-err");
        var second = await host.Put("/api.xro/2.0/Contacts", Acme, "key-err");

        Assert.Equal(HttpStatusCode.BadRequest, second.Status);
        Assert.Equal(first.Text, second.Text);
    }

    [Fact]
    public async Task Same_key_with_a_different_request_is_a_400()
    {
        await using var host = await XeroTestHost.StartAsync();
        await host.Put("/api.xro/2.0/Contacts", Acme, "key-2");

        var reply = await host.Put("/api.xro/2.0/Contacts", new { Contacts = new[] { new { Name = "Other" } } }, "key-2");

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains("is used with a different request", reply.Body!["Message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Key_is_forgotten_after_six_minutes()
    {
        await using var host = await XeroTestHost.StartAsync();
        await host.Put("/api.xro/2.0/Contacts", Acme, "key-3");
        host.Time.Advance(TimeSpan.FromMinutes(5));
        var stillRemembered = await host.Put("/api.xro/2.0/Contacts", Acme, "key-3");

        host.Time.Advance(TimeSpan.FromMinutes(1));
        var treatedAsNew = await host.Put("/api.xro/2.0/Contacts", Acme, "key-3");

        Assert.Equal(HttpStatusCode.OK, stillRemembered.Status);
        Assert.Equal(["The contact name Acme is already assigned to another contact. The contact name must be unique across all active contacts."], treatedAsNew.Messages());
    }

    [Fact]
    public async Task Key_longer_than_128_characters_is_refused()
    {
        await using var host = await XeroTestHost.StartAsync();

        var reply = await host.Put("/api.xro/2.0/Contacts", Acme, new string('k', 129));

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Empty((await host.Get("/api.xro/2.0/Contacts")).Body!["Contacts"]!.AsArray());
    }
}
