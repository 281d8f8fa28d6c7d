using System.Net;
using System.Text.Json;
using D365Xero.Errors;
using D365Xero.Target.Xero;
using D365Xero.Target.Xero.Model;
using D365Xero.Tests.Target.Xero.Fakes;

namespace D365Xero.Tests.Target.Xero;

public sealed class XeroBatchWriterTests
{
    private static XeroContact Contact(int n) => new() { ContactNumber = $"D365-{n:D32}", Name = $"Customer {n}" };

    private static List<T> Sent<T>(RecordedRequest request, string collection) =>
        JsonDocument.Parse(request.Body!).RootElement.GetProperty(collection).Deserialize<List<T>>(XeroJson.Options)!;

    /// <summary>Xero saves every element it is sent and gives each a ContactID.</summary>
    private static HttpResponseMessage SaveAll(RecordedRequest request, int _) =>
        XeroAnswers.Ok(new { Contacts = Sent<XeroContact>(request, "Contacts").Select(c => c with { ContactID = Guid.NewGuid(), StatusAttributeString = "OK" }) });

    [Fact]
    public async Task Sends_contacts_in_batches_of_fifty_with_summarizeErrors_false()
    {
        var xero = new XeroHarness(SaveAll);
        var contacts = Enumerable.Range(1, 120).Select(Contact).ToList();

        var results = await xero.Client.SaveContactsAsync(contacts);

        var posts = xero.Handler.ApiRequests;
        Assert.Equal([50, 50, 20], posts.Select(p => Sent<XeroContact>(p, "Contacts").Count));
        Assert.All(posts, p => Assert.Equal("/api.xro/2.0/Contacts?summarizeErrors=false", p.PathAndQuery));
        Assert.All(posts, p => Assert.Equal(HttpMethod.Post, p.Method));
        Assert.Equal(120, results.Count);
        Assert.All(results, r => Assert.True(r.IsOk));
        Assert.Equal(contacts, results.Select(r => r.Input));
    }

    [Fact]
    public async Task Matches_results_to_inputs_by_ContactNumber_when_Xero_answers_in_another_order()
    {
        var ids = new Dictionary<string, Guid>();
        var xero = new XeroHarness((request, _) =>
        {
            var saved = Sent<XeroContact>(request, "Contacts").Select(c => c with { ContactID = Guid.NewGuid() }).Reverse().ToList();
            foreach (var c in saved) ids[c.ContactNumber!] = c.ContactID!.Value;
            return XeroAnswers.Ok(new { Contacts = saved });
        });
        var contacts = Enumerable.Range(1, 3).Select(Contact).ToList();

        var results = await xero.Client.SaveContactsAsync(contacts);

        Assert.All(results, r => Assert.Equal(ids[r.Input.ContactNumber!], r.Saved!.ContactID));
        Assert.All(results, r => Assert.Equal(r.Input.ContactNumber, r.Saved!.ContactNumber));
    }

    [Fact]
    public async Task Reports_each_element_as_saved_or_refused_with_Xeros_messages_in_plain_sentences()
    {
        var xero = new XeroHarness((request, _) => XeroAnswers.Ok(new
        {
            Contacts = Sent<XeroContact>(request, "Contacts").Select(c => c.ContactNumber!.EndsWith('2')
                ? c with
                {
                    StatusAttributeString = "ERROR",
                    HasValidationErrors = true,
                    ValidationErrors =
                    [
                        new XeroValidationError { Message = "The contact name Customer 2 is already assigned to another contact" },
                        new XeroValidationError { Message = "The contact name must be unique across all active contacts." },
                    ],
                }
                : c with { ContactID = Guid.NewGuid(), StatusAttributeString = "OK" }),
        }));

        var results = await xero.Client.SaveContactsAsync([Contact(1), Contact(2), Contact(3)]);

        Assert.True(results[0].IsOk);
        Assert.True(results[2].IsOk);
        Assert.Equal(ErrorKind.Permanent, results[1].ErrorKind);
        Assert.Null(results[1].Saved);
        Assert.Equal(
            "The contact name Customer 2 is already assigned to another contact. The contact name must be unique across all active contacts.",
            results[1].Error);
    }

    [Fact]
    public async Task A_refused_batch_marks_the_named_elements_permanent_and_the_rest_unknown()
    {
        // Without summarizeErrors=false taking effect, Xero answers 400 naming only the failed
        // elements; the others may have been saved (docs/xero-rules.md#x-batch-summarize-errors; XeroAPI/xero-ruby#247).
        var xero = new XeroHarness((_, _) => XeroAnswers.Json(HttpStatusCode.BadRequest, """
            {"ErrorNumber":10,"Type":"ValidationException","Message":"A validation exception occurred",
             "Elements":[{"ContactNumber":"D365-00000000000000000000000000000002","Name":"Customer 2",
                          "ValidationErrors":[{"Message":"The contact name Customer 2 is already assigned to another contact."}]}]}
            """));

        var results = await xero.Client.SaveContactsAsync([Contact(1), Contact(2)]);

        Assert.Equal(ErrorKind.Transient, results[0].ErrorKind);
        Assert.Contains("look it up", results[0].Error);
        Assert.Equal(ErrorKind.Permanent, results[1].ErrorKind);
        Assert.Equal("The contact name Customer 2 is already assigned to another contact.", results[1].Error);
    }

    [Fact]
    public async Task A_400_that_is_not_a_validation_of_elements_refuses_the_whole_batch_permanently()
    {
        var xero = new XeroHarness((_, _) => XeroAnswers.Json(HttpStatusCode.BadRequest,
            """{"ErrorNumber":17,"Type":"NoDataProcessedException","Message":"No data has been processed for this endpoint."}"""));

        var results = await xero.Client.SaveContactsAsync([Contact(1), Contact(2)]);

        Assert.All(results, r => Assert.Equal(ErrorKind.Permanent, r.ErrorKind));
        Assert.All(results, r => Assert.Contains("NoDataProcessedException: No data has been processed for this endpoint.", r.Error));
    }

    [Fact]
    public async Task After_a_batch_fails_on_auth_the_later_batches_are_not_sent()
    {
        var xero = new XeroHarness((_, _) => XeroAnswers.Json(HttpStatusCode.Forbidden, """{"Title":"Forbidden","Status":403,"Detail":"AuthenticationUnsuccessful"}"""));

        var results = await xero.Client.SaveContactsAsync(Enumerable.Range(1, 60).Select(Contact).ToList());

        Assert.Single(xero.Handler.ApiRequests);
        Assert.All(results, r => Assert.Equal(ErrorKind.Auth, r.ErrorKind));
    }

    [Fact]
    public async Task Matches_items_by_Code()
    {
        var xero = new XeroHarness((request, _) => XeroAnswers.Ok(new
        {
            Items = Sent<XeroItem>(request, "Items").Select(i => i with { ItemID = Guid.NewGuid() }).Reverse(),
        }));

        var results = await xero.Client.SaveItemsAsync([new XeroItem { Code = "WIDGET" }, new XeroItem { Code = "GADGET" }]);

        Assert.Equal(["WIDGET", "GADGET"], results.Select(r => r.Saved!.Code));
        Assert.Equal("/api.xro/2.0/Items?summarizeErrors=false", xero.Handler.ApiRequests[0].PathAndQuery);
    }

    [Fact]
    public async Task Matches_invoices_by_InvoiceNumber_when_sent_and_by_Reference_when_Xero_numbers_them()
    {
        var xero = new XeroHarness((request, _) => XeroAnswers.Ok(new
        {
            Invoices = Sent<XeroInvoice>(request, "Invoices")
                .Select((inv, n) => inv with { InvoiceID = Guid.NewGuid(), InvoiceNumber = inv.InvoiceNumber ?? $"INV-{n:D4}" })
                .Reverse(),
        }));

        var results = await xero.Client.SaveInvoicesAsync(
        [
            new XeroInvoice { Type = "ACCREC", InvoiceNumber = "ORD-1001", Reference = "same" },
            new XeroInvoice { Type = "ACCREC", Reference = "ORD-1002" },
        ]);

        Assert.Equal("ORD-1001", results[0].Saved!.InvoiceNumber);
        Assert.Equal("ORD-1002", results[1].Saved!.Reference);
        Assert.StartsWith("INV-", results[1].Saved!.InvoiceNumber);
    }

    [Fact]
    public async Task Refuses_before_sending_contacts_that_could_not_be_matched()
    {
        var xero = new XeroHarness(SaveAll);

        await Assert.ThrowsAsync<ArgumentException>(() => xero.Client.SaveContactsAsync([new XeroContact { Name = "No number" }]));
        await Assert.ThrowsAsync<ArgumentException>(() => xero.Client.SaveContactsAsync([Contact(1), Contact(1) with { Name = "Twin" }]));
        Assert.Empty(xero.Handler.Requests);
    }
}
