using System.Runtime.CompilerServices;
using System.Text.Json;
using D365Xero.Errors;
using D365Xero.Target.Xero.Model;

namespace D365Xero.Target.Xero;

/// <summary>
/// The round trip (an invoice's life read back onto its order): invoices changed since a time, credit
/// notes by id, the online invoice link, the PDF, and a credit note for a cancelled order that was paid.
/// </summary>
public sealed partial class XeroClient
{

    /// <summary>
    /// Sales invoices changed since <paramref name="modifiedSince"/> (If-Modified-Since, docs/xero-rules.md#x-if-modified-since;
    /// developer.xero.com/documentation/api/requests-and-responses), every status, paged 1,000 a call: the poll that backs up
    /// Xero's webhooks. Each call is counted as <c>GET Invoices (poll)</c>.
    /// </summary>
    public async IAsyncEnumerable<XeroInvoice> GetInvoicesModifiedSinceAsync(DateTimeOffset modifiedSince, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var invoice in PagesAsync<XeroInvoice>("Invoices", "", InvoicesScope, modifiedSince, cancellationToken, "GET Invoices (poll)").ConfigureAwait(false))
        {
            if (invoice.Type == "ACCREC") yield return invoice;
        }
    }

    /// <summary><c>GET /CreditNotes?IDs=…</c>, in calls of 50 IDs, with their allocations (schema CreditNote).</summary>
    public async Task<IReadOnlyList<XeroCreditNote>> GetCreditNotesByIdsAsync(IEnumerable<Guid> creditNoteIds, CancellationToken cancellationToken = default)
    {
        var found = new List<XeroCreditNote>();
        foreach (var chunk in creditNoteIds.Distinct().Chunk(LookupChunk))
            await foreach (var note in PagesAsync<XeroCreditNote>("CreditNotes", $"IDs={string.Join(',', chunk)}", InvoicesScope, null, cancellationToken).ConfigureAwait(false))
                found.Add(note);
        return found;
    }

    /// <summary>
    /// <c>GET /Invoices/{id}/OnlineInvoice</c>: the link a customer can open to view and pay the invoice (schema OnlineInvoice;
    /// docs/xero-rules.md#x-online-invoice; developer.xero.com/documentation/api/accounting/invoices#retrieving-the-online-invoice-url).
    /// Null when Xero has none for it (a draft: Xero refuses the request).
    /// </summary>
    public async Task<string?> GetOnlineInvoiceUrlAsync(Guid invoiceId, CancellationToken cancellationToken = default)
    {
        var request = XeroRequest.Get($"{Api}Invoices/{invoiceId}/OnlineInvoice", "GET OnlineInvoice", InvoicesScope) with { NotFoundIsAnswer = true };
        try
        {
            var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return XeroEnvelope.ReadList<OnlineInvoice>(response, "OnlineInvoices", request.Operation).Items.FirstOrDefault()?.OnlineInvoiceUrl;
        }
        catch (RemoteApiException e) when (e.Kind == ErrorKind.Permanent)
        {
            return null; // Xero refuses the link for an invoice that is not approved yet: there is none to show.
        }
    }

    /// <summary>
    /// <c>GET /Invoices/{id}</c> with <c>Accept: application/pdf</c>: the invoice as Xero prints it (spec getInvoiceAsPdf,
    /// "byte array pdf version of specified Invoices"; docs/xero-rules.md#x-invoice-pdf). Null when there is no such invoice.
    /// </summary>
    public async Task<byte[]?> GetInvoicePdfAsync(Guid invoiceId, CancellationToken cancellationToken = default)
    {
        var request = XeroRequest.Get($"{Api}Invoices/{invoiceId}", "GET Invoice PDF", InvoicesScope) with { NotFoundIsAnswer = true, Accept = "application/pdf" };
        var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.Bytes is { } pdf) return pdf;
        if (response.Status == System.Net.HttpStatusCode.NotFound) return null;
        throw new RemoteApiException(XeroErrorClassifier.Service, ErrorKind.Permanent,
            $"Xero answered {request.Operation} for invoice {invoiceId} with {response.MediaType ?? "no content type"} rather than a PDF.");
    }

    /// <summary>
    /// <c>PUT /CreditNotes</c> then <c>PUT /CreditNotes/{id}/Allocations</c>: an authorised ACCRECCREDIT for the paid amount of a
    /// cancelled order's invoice, allocated to it (docs/xero-rules.md#x-allocation-limits; developer.xero.com/documentation/api/accounting/creditnotes).
    /// Two calls, each with an Idempotency-Key derived from <paramref name="operationId"/>, so a retry within Xero's window is not applied twice.
    /// </summary>
    public async Task<XeroCreditNote> CreditInvoiceAsync(XeroCreditNote creditNote, Guid invoiceId, decimal amount, string operationId, CancellationToken cancellationToken = default)
    {
        var created = await PutAsync<XeroCreditNote>("CreditNotes", "PUT CreditNotes", "CreditNotes", new { CreditNotes = new[] { creditNote } }, operationId, cancellationToken).ConfigureAwait(false);
        if (created.CreditNoteID is not { } id)
            throw new RemoteApiException(XeroErrorClassifier.Service, ErrorKind.Permanent, "Xero answered PUT CreditNotes without a CreditNoteID.");
        // Nothing due (a paid invoice): Xero refuses an allocation to it, and the whole credit is for the customer to be refunded.
        if (amount <= 0) return created;
        var allocation = new XeroAllocation { Invoice = new XeroInvoiceRef(invoiceId), Amount = amount, Date = creditNote.Date };
        await PutAsync<XeroAllocation>($"CreditNotes/{id}/Allocations", "PUT CreditNotes Allocations", "Allocations", new { Allocations = new[] { allocation } }, operationId, cancellationToken).ConfigureAwait(false);
        return created;
    }

    private async Task<T> PutAsync<T>(string resource, string operation, string collection, object body, string operationId, CancellationToken cancellationToken)
    {
        var path = $"{Api}{resource}";
        var json = JsonSerializer.Serialize(body, XeroJson.Options);
        var request = XeroRequest.Write(HttpMethod.Put, path, json, XeroIdempotencyKey.For(operationId, HttpMethod.Put, path, json), operation, InvoicesScope);
        var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var (items, _) = XeroEnvelope.ReadList<T>(response, collection, request.Operation);
        return items.FirstOrDefault() ?? throw new RemoteApiException(XeroErrorClassifier.Service, ErrorKind.Permanent, $"Xero answered {operation} with no {collection}.");
    }

    private sealed record OnlineInvoice(string? OnlineInvoiceUrl);
}
