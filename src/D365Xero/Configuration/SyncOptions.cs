namespace D365Xero.Configuration;

/// <summary>Mapping and pacing options of one connection (configuration section <c>Sync</c>).</summary>
public sealed class SyncOptions
{
    /// <summary>Revenue account for items and invoice lines. Default <c>200</c>, Xero's standard Sales account.</summary>
    public string SalesAccountCode { get; set; } = "200";

    /// <summary>Tax type for items and lines. Default: none sent, so Xero applies the account's default.</summary>
    public string? TaxType { get; set; }

    /// <summary><c>Exclusive</c>, <c>Inclusive</c> or <c>NoTax</c>. Default <c>Exclusive</c>.</summary>
    public string LineAmountTypes { get; set; } = "Exclusive";

    /// <summary>When an invoice becomes AUTHORISED: <c>Never</c> (default: invoices stay DRAFT), <c>Fulfilled</c> or <c>Invoiced</c>.</summary>
    public string AuthoriseWhen { get; set; } = "Never";

    /// <summary>Due date = order date + this many days when the order has no payment terms. Default 30.</summary>
    public int DefaultDueDays { get; set; } = 30;

    /// <summary>Create an individual Xero contact for a Dynamics contact without a parent account. Default false.</summary>
    public bool StandaloneContacts { get; set; }

    /// <summary><c>Keep</c> (default) or <c>Delete</c> the Xero item of a retired product.</summary>
    public string RetiredProducts { get; set; } = "Keep";

    /// <summary>How often change tracking is polled as the backstop for webhooks. Default 30 s (1 s to 1 day).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a claimed journal entry stays hidden before another worker may take it. Default 5 minutes.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Batches worked side by side per table that calls Xero. Default 4: one under Xero's 5 calls in
    /// flight per organisation (reference §5), so the rate gate, not round trips, sets the pace; 1 to 5.
    /// </summary>
    public int Parallelism { get; set; } = 4;

    /// <summary>Failed attempts after which a transiently failing row stops being retried until it changes or `retry`. Default 8.</summary>
    public int MaxAttempts { get; set; } = 8;
}
