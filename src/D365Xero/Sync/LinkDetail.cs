using System.Text.Json;
using System.Text.Json.Serialization;

namespace D365Xero.Sync;

/// <summary>
/// What a link remembers beyond its Xero id: for an account, the name suffix it was given (kept so
/// its Xero name does not flip); for a contact, the account it was last placed under (so a
/// re-parented or deleted contact's old account is recomputed too); for a product or order, the key a
/// create was sent with.
/// </summary>
public sealed record LinkDetail
{
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public string? Suffix { get; init; }
    public Guid? Account { get; init; }
    /// <summary>A contact synced as a Xero contact of its own (an individual customer): the link's Xero id is that contact's.</summary>
    public bool? Own { get; init; }
    /// <summary>An order line's order, so a deleted line still re-sends its order.</summary>
    public Guid? Parent { get; init; }
    /// <summary>An invoice's LineItemIDs by line key, so an update never recreates unchanged lines.</summary>
    public Dictionary<string, Guid>? Lines { get; init; }
    /// <summary>An invoice's status and amount paid in Xero as last seen.</summary>
    public string? XeroStatus { get; init; }
    public decimal? AmountPaid { get; init; }

    /// <summary>The credit note the connector raised for a cancelled order's paid invoice (<c>Sync:CreditPaidCancellations</c>): never raised twice.</summary>
    public string? CreditNote { get; init; }

    /// <summary>An invoice's <c>UpdatedDateUTC</c> as last seen (our own write's answer, or the last read-back): a webhook event no later than it is our own echo.</summary>
    public DateTimeOffset? XeroUpdated { get; init; }

    /// <summary>The read-back's memory of an order (<see cref="RoundTrip.OrderLifeMemory"/>): what was last written onto it, so only changes are written.</summary>
    public RoundTrip.OrderLifeMemory? Life { get; init; }
    /// <summary>
    /// The natural key (item Code, invoice Reference) of a create, recorded before it is sent: when
    /// Xero applied it and the process died before the answer was recorded, a row deleted meanwhile
    /// still finds its Xero record by this key (no orphan).
    /// </summary>
    public string? Key { get; init; }

    /// <summary>The Xero contact group the connector put the account's contact in (<c>Mapping:Contact:ContactGroup</c>): the one it takes it out of when the value changes.</summary>
    public Guid? ContactGroup { get; init; }

    /// <summary>An account whose Xero contact is archived (the account is inactive or deleted): Xero refuses new invoices to it.</summary>
    public bool? Archived { get; init; }

    /// <summary>
    /// Refused before it was sent, because a value it would send is not one Xero's settings allow (pre-send
    /// validation): such a row is queued again whenever those settings change (<see cref="Validation.RefusedRows"/>).
    /// </summary>
    public bool? RefusedBeforeSend { get; init; }

    public static LinkDetail Parse(string? json) =>
        string.IsNullOrEmpty(json) ? new LinkDetail() : JsonSerializer.Deserialize<LinkDetail>(json, Json) ?? new LinkDetail();

    public string? ToJson() => this == Empty ? null : JsonSerializer.Serialize(this, Json);

    private static readonly LinkDetail Empty = new();
}
