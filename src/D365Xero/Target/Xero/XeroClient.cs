using System.Runtime.CompilerServices;
using D365Xero.Errors;
using D365Xero.Target.Xero.Auth;
using D365Xero.Target.Xero.Model;
using D365Xero.Target.Xero.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace D365Xero.Target.Xero;

/// <summary>
/// The Xero Accounting API, as far as the connector needs it; one per connection. Writes go in
/// batches with <c>summarizeErrors=false</c> and an Idempotency-Key; reads never build a
/// <c>where</c> filter from Dynamics text (docs/xero-rules.md#x-where-no-escape; XeroAPI/Xero-Java#347): they use
/// <c>/Contacts/{ContactNumber}</c>, <c>IDs=</c>, <c>InvoiceNumbers=</c> and <c>searchTerm=</c>.
/// </summary>
public sealed partial class XeroClient : IXeroGateway
{
    private const string Api = XeroRequest.AccountingRoot;
    // docs/xero-rules.md#x-paging; developer.xero.com/documentation/api/requests-and-responses: pageSize goes up to 1000 [unverified]; the end is found from `pagination` when Xero sends it.
    private const int PageSize = 1000;
    // IDs and numbers per lookup call, to keep URLs short.
    private const int LookupChunk = 50;
    // Invoice IDs per read-back call: 100 GUIDs keep the address under 4 KB.
    private const int InvoiceIdsChunk = 100;

    // Named when Xero answers 403 (docs/xero-rules.md#x-scopes; developer.xero.com/faq/granular-scopes: broad scope, and its granular successor).
    private const string ContactsScope = "accounting.contacts";
    private const string ItemsScope = "accounting.settings (accounting.invoices under granular scopes)";
    private const string InvoicesScope = "accounting.transactions (accounting.invoices under granular scopes)";
    private const string SettingsScope = "accounting.settings.read";

    private static readonly XeroNaturalKey<XeroContact> ContactKey = new("contact", ("ContactNumber", c => c.ContactNumber));
    private static readonly XeroNaturalKey<XeroItem> ItemKey = new("item", ("Code", i => i.Code));
    private static readonly XeroNaturalKey<XeroInvoice> InvoiceKey =
        new("invoice", ("InvoiceNumber", i => i.InvoiceNumber), ("Reference", i => i.Reference));

    private readonly RateGate _gate;
    private readonly XeroTransport _transport;
    private readonly XeroBatchWriter _writer;

    /// <param name="gate">The organisation's gate; share it between every client calling the same organisation.</param>
    /// <param name="breaker">This connection's circuit breaker for Xero (<see cref="ServiceBreaker"/>); none when null.</param>
    public XeroClient(HttpClient http, XeroOptions options, IXeroTokenSource tokens, RateGate gate, TimeProvider? time = null, ILogger<XeroClient>? logger = null,
        ServiceBreaker? breaker = null)
    {
        _gate = gate;
        Options = options;
        Tokens = tokens;
        _transport = new XeroTransport(http, options, tokens, gate, time ?? TimeProvider.System, logger ?? (ILogger)NullLogger.Instance, breaker);
        _writer = new XeroBatchWriter(_transport, options);
    }

    /// <summary>The settings this client was made with (<c>check</c> reads the configured TenantId).</summary>
    public XeroOptions Options { get; }

    /// <summary>Where this client's bearer tokens come from; <c>check</c> asks it directly to prove the sign-in and read the scopes.</summary>
    public IXeroTokenSource Tokens { get; }

    /// <summary>This organisation's budget, for <c>status</c>.</summary>
    public RateBudget Budget => _gate.Snapshot();

    /// <summary>Parks the organisation's gate until <paramref name="until"/>, as an earlier process saw it (<see cref="RateGate.RestorePark"/>).</summary>
    public void RestorePark(DateTimeOffset until) => _gate.RestorePark(until);

    /// <summary>This connection's circuit breaker for Xero: whether Xero is unavailable, since when, and the next probe.</summary>
    public ServiceBreaker? Breaker => _transport.Breaker;

    /// <summary>The probe while Xero is unavailable: one <c>GET Organisation</c>, the cheapest call that needs a token and the tenant.</summary>
    public Task ProbeAsync(CancellationToken cancellationToken) => GetOrganisationAsync(cancellationToken);

    /// <summary>HTTP requests this client has sent, by operation (<c>POST Contacts</c>), retries included: for the back-fill summary.</summary>
    public IReadOnlyDictionary<string, long> CallsMade => _transport.CallsMade;

    /// <summary>The calls made since the last take, by operation: what `status` adds to the day's count (ConnectionState.SaveCallsAsync).</summary>
    public IReadOnlyDictionary<string, long> TakeCallsSinceLastTake() => _transport.TakeCallsSinceLastTake();

    // ---- Writes -------------------------------------------------------------------------------

    /// <inheritdoc cref="SaveContactsAsync(IReadOnlyList{XeroContact}, string?, CancellationToken)"/>
    public Task<IReadOnlyList<XeroWriteResult<XeroContact>>> SaveContactsAsync(IReadOnlyList<XeroContact> contacts, CancellationToken cancellationToken = default) =>
        SaveContactsAsync(contacts, null, cancellationToken);

    /// <summary>
    /// <c>POST /Contacts?summarizeErrors=false</c>: creates, or updates by ContactID, in batches of
    /// <see cref="XeroOptions.BatchSize"/>. Results are matched to inputs by ContactNumber, which
    /// every input must have, distinct.
    /// </summary>
    /// <param name="operationId">Stable across the caller's own retries of this write (e.g. the outbox item and attempt), so Xero recognises a repeat within 6 minutes; null: a fresh one per call.</param>
    /// <returns>One result per input, in input order. Throws only for a caller's mistake (ArgumentException) or cancellation.</returns>
    public Task<IReadOnlyList<XeroWriteResult<XeroContact>>> SaveContactsAsync(IReadOnlyList<XeroContact> contacts, string? operationId, CancellationToken cancellationToken = default) =>
        _writer.SaveAsync("Contacts", contacts, ContactKey, ContactsScope, operationId, cancellationToken);

    /// <inheritdoc cref="SaveItemsAsync(IReadOnlyList{XeroItem}, string?, CancellationToken)"/>
    public Task<IReadOnlyList<XeroWriteResult<XeroItem>>> SaveItemsAsync(IReadOnlyList<XeroItem> items, CancellationToken cancellationToken = default) =>
        SaveItemsAsync(items, null, cancellationToken);

    /// <summary><c>POST /Items?summarizeErrors=false</c>, batched; results matched by Code (unique in Xero, docs/xero-rules.md#x-item-code-unique; developer.xero.com/documentation/api/items).</summary>
    /// <inheritdoc cref="SaveContactsAsync(IReadOnlyList{XeroContact}, string?, CancellationToken)" path="/param[@name='operationId']|/returns"/>
    public Task<IReadOnlyList<XeroWriteResult<XeroItem>>> SaveItemsAsync(IReadOnlyList<XeroItem> items, string? operationId, CancellationToken cancellationToken = default) =>
        _writer.SaveAsync("Items", items, ItemKey, ItemsScope, operationId, cancellationToken);

    /// <inheritdoc cref="SaveInvoicesAsync(IReadOnlyList{XeroInvoice}, string?, CancellationToken)"/>
    public Task<IReadOnlyList<XeroWriteResult<XeroInvoice>>> SaveInvoicesAsync(IReadOnlyList<XeroInvoice> invoices, CancellationToken cancellationToken = default) =>
        SaveInvoicesAsync(invoices, null, cancellationToken);

    /// <summary>
    /// <c>POST /Invoices?summarizeErrors=false</c>, batched. Results are matched by InvoiceNumber
    /// when the input sends one (unique for ACCREC, docs/xero-rules.md#x-invoice-number-unique; developer.xero.com/documentation/api/invoices), else by Reference, which Xero
    /// does not require to be unique: an input without an InvoiceNumber must carry a Reference
    /// distinct within the call (the order number; docs/xero-rules.md#x-invoice-reference; developer.xero.com/documentation/api/invoices).
    /// </summary>
    /// <inheritdoc cref="SaveContactsAsync(IReadOnlyList{XeroContact}, string?, CancellationToken)" path="/param[@name='operationId']|/returns"/>
    public Task<IReadOnlyList<XeroWriteResult<XeroInvoice>>> SaveInvoicesAsync(IReadOnlyList<XeroInvoice> invoices, string? operationId, CancellationToken cancellationToken = default) =>
        _writer.SaveAsync("Invoices", invoices, InvoiceKey, InvoicesScope, operationId, cancellationToken);

    /// <summary>
    /// <c>DELETE /Items/{ItemID}</c>: 204 on success (docs/xero-rules.md#x-item-delete; developer.xero.com/documentation/api/items). A 404 counts as done: a retried
    /// delete finds its first attempt already landed. DELETE takes no Idempotency-Key (docs/xero-rules.md#x-idempotency-key-header; developer.xero.com/documentation/guides/idempotent-requests/idempotency)
    /// and needs none: deleting twice leaves the same state.
    /// </summary>
    /// <exception cref="RemoteApiException">Permanent with Xero's message on 400 (e.g. a tracked item already used).</exception>
    public async Task DeleteItemAsync(Guid itemId, CancellationToken cancellationToken = default)
    {
        var request = XeroRequest.Delete($"{Api}Items/{itemId}", "DELETE Items", ItemsScope) with { NotFoundIsAnswer = true };
        await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    // ---- Lookups by natural key ---------------------------------------------------------------
}
