using System.ComponentModel.DataAnnotations;

namespace D365Xero.Configuration;

/// <summary>Mapping and pacing options of one connection (configuration section <c>Sync</c>).</summary>
public sealed class SyncOptions
{
    /// <summary>Revenue account for items and invoice lines. Default <c>200</c>, Xero's standard Sales account.</summary>
    [Required, StringLength(10, ErrorMessage = "a Xero account code of up to 10 characters")]
    public string SalesAccountCode { get; set; } = "200";

    /// <summary>Tax type for items and lines. Default: none sent, so Xero applies the account's default.</summary>
    [NonBlank, RegularExpression("^[A-Za-z0-9_]{1,50}$", ErrorMessage = "a Xero tax type such as OUTPUT or TAX001 (letters, digits, _)")]
    public string? TaxType { get; set; }

    /// <summary><c>Exclusive</c>, <c>Inclusive</c> or <c>NoTax</c>. Default <c>Exclusive</c>.</summary>
    public LineAmountTypes LineAmountTypes { get; set; } = LineAmountTypes.Exclusive;

    /// <summary>When an invoice becomes AUTHORISED: <c>Never</c> (default: invoices stay DRAFT), <c>Fulfilled</c> or <c>Invoiced</c>.</summary>
    public AuthoriseWhen AuthoriseWhen { get; set; } = AuthoriseWhen.Never;

    /// <summary>Due date = order date + this many days when the order has no payment terms. Default 30 (0 to 3650).</summary>
    [Range(0, 3650)]
    public int DefaultDueDays { get; set; } = 30;

    /// <summary>Create an individual Xero contact for a Dynamics contact without a parent account. Default false.</summary>
    public bool StandaloneContacts { get; set; }

    /// <summary><c>Keep</c> (default) or <c>Delete</c> the Xero item of a retired product.</summary>
    public RetiredProducts RetiredProducts { get; set; } = RetiredProducts.Keep;

    /// <summary>How often change tracking is polled as the backstop for webhooks. Default 30 s (1 s to 1 day).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// In `serve`, the longest a change may wait for a fuller batch while changes arrive faster than Xero's budget carries
    /// one call each (a burst, a sustained stream); a trickle goes at once. Default 3 s (0 to 1 minute; 0 sends every change at once).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan MaxBatchWait { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long a claimed journal entry stays hidden before another worker may take it. Default 5 minutes (1 s to 1 day).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Batches worked side by side per table that calls Xero. Default 4: one under Xero's 5 calls in
    /// flight per organisation (https://developer.xero.com/documentation/guides/oauth2/limits/), so the
    /// rate gate, not round trips, sets the pace; 1 to 5.
    /// </summary>
    [Range(1, 5)]
    public int Parallelism { get; set; } = 4;

    /// <summary>
    /// How long a new order may have no lines before that is an error. Dynamics saves an order's header
    /// before its lines, so an empty order waits (Pending, "waiting for its lines") and goes once a line
    /// arrives. Default 10 minutes (0 to 7 days; 0 fails an empty order at once).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan EmptyOrderWait { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How often Xero is asked for invoices changed since the last look (one call per 1,000 changed, If-Modified-Since): the backstop
    /// for Xero's webhooks. Default: 15 minutes when <c>Xero:WebhookKey</c> is not set (the poll is then how an invoice's life comes
    /// back), 2 hours when it is (only what a lost webhook missed). 1 minute to 1 day.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan? InvoicePollInterval { get; set; }

    /// <summary>Attach the Xero invoice's PDF to its order as a note once the invoice is approved, replaced when the invoice changes. Default true.</summary>
    public bool AttachInvoicePdf { get; set; } = true;

    /// <summary>Move an order to Fulfilled (Dynamics' FulfillSalesOrder) when its Xero invoice is paid in full. Default false.</summary>
    public bool FulfilWhenPaid { get; set; }

    /// <summary>
    /// When an order whose invoice is paid is cancelled, raise a Xero credit note for the paid amount and allocate it to the invoice.
    /// Default false: the order then only says that a credit note is needed.
    /// </summary>
    public bool CreditPaidCancellations { get; set; }

    /// <summary>Failed attempts after which a transiently failing row stops being retried until it changes or `retry`. Default 8 (1 to 100).</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>
    /// Failed calls in a row, through no fault of a row (5xx, 408, timeouts, refused connections, unknown hosts),
    /// after which a service counts as unavailable: its circuit opens, nothing more is sent and no row counts
    /// an attempt until a probe gets an answer. Default 5 (2 to 100).
    /// </summary>
    [Range(2, 100)]
    public int OutageFailures { get; set; } = 5;

    /// <summary>The wait before the first probe of an unavailable service; it doubles after each failed probe. Default 10 s (1 s to 10 min).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan OutageFirstProbe { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest wait between two probes of an unavailable service. Default 5 minutes (1 s to 1 hour).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan OutageProbeMax { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long `sync --once` and `backfill` wait for an unavailable service before they stop (exit code 3), every
    /// row left pending for the next run; `serve` waits as long as it takes. Default 2 minutes (0 to 1 day).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan OutageGiveUp { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The breaker settings these options make.</summary>
    public Errors.OutageSettings Outages => new(OutageFailures, OutageFirstProbe, OutageProbeMax);

    /// <summary>The connection's <c>Mapping</c> section (bound beside this one, see <see cref="ConnectionSection"/>).</summary>
    public Mapping.MappingOptions Mapping { get; set; } = new();
}
