using System.Net;
using D365Xero.Emulators.Xero.Tests.Support;

namespace D365Xero.Emulators.Xero.Tests.Gate;

public sealed class BatchTests
{
    private static readonly object Mixed = new { Contacts = new object[] { new { Name = "Good One" }, new { EmailAddress = "no-name@x.test" }, new { Name = "Good Two" } } };

    [Fact]
    public async Task Without_summarizeErrors_one_bad_element_makes_a_400_listing_only_it_while_the_good_ones_are_saved()
    {
        await using var host = await XeroTestHost.StartAsync();

        var reply = await host.Put("/api.xro/2.0/Contacts", Mixed);
        var saved = await host.Get("/api.xro/2.0/Contacts");

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("A validation exception occurred", reply.Body!["Message"]!.GetValue<string>());
        var element = Assert.Single(reply.Body["Elements"]!.AsArray())!;
        Assert.Equal("no-name@x.test", element["EmailAddress"]!.GetValue<string>());
        Assert.Equal(["Good One", "Good Two"], saved.Body!["Contacts"]!.AsArray().Select(c => c!["Name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task With_summarizeErrors_false_every_element_comes_back_marked_in_a_200()
    {
        await using var host = await XeroTestHost.StartAsync();

        var reply = await host.Put("/api.xro/2.0/Contacts?summarizeErrors=false", Mixed);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var elements = reply.Body!["Contacts"]!.AsArray();
        Assert.Equal(["OK", "ERROR", "OK"], elements.Select(e => e!["StatusAttributeString"]!.GetValue<string>()));
        Assert.True(elements[1]!["HasValidationErrors"]!.GetValue<bool>());
        Assert.False(elements[0]!["HasValidationErrors"]!.GetValue<bool>());
        Assert.Equal("The contact name must be specified.", elements[1]!["ValidationErrors"]![0]!["Message"]!.GetValue<string>());
        Assert.NotNull(elements[0]!["ContactID"]);
    }

    [Fact]
    public async Task Invoices_flag_errors_with_HasErrors()
    {
        await using var host = await XeroTestHost.StartAsync();

        var reply = await host.Put("/api.xro/2.0/Invoices?summarizeErrors=false", new { Invoices = new[] { new { Type = "ACCREC" } } });

        Assert.True(reply.Body!["Invoices"]![0]!["HasErrors"]!.GetValue<bool>());
        Assert.Equal("ERROR", reply.Body["Invoices"]![0]!["StatusAttributeString"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_duplicate_inside_one_batch_fails_against_the_element_before_it()
    {
        await using var host = await XeroTestHost.StartAsync();

        var reply = await host.Put("/api.xro/2.0/Contacts?summarizeErrors=false", new { Contacts = new[] { new { Name = "Twin" }, new { Name = "Twin" } } });

        Assert.Equal(["OK", "ERROR"], reply.Body!["Contacts"]!.AsArray().Select(e => e!["StatusAttributeString"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Body_without_the_wrapper_is_NoDataProcessedException()
    {
        await using var host = await XeroTestHost.StartAsync();

        var reply = await host.Put("/api.xro/2.0/Contacts", new { Name = "Unwrapped" });

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal(17, reply.Body!["ErrorNumber"]!.GetValue<int>());
    }
}
