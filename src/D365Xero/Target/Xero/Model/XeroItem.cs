namespace D365Xero.Target.Xero.Model;

/// <summary>A Xero item (schema <c>Item</c>): Code ≤ 30 and unique, Name ≤ 50, Description ≤ 4000.</summary>
public sealed record XeroItem : IXeroElement
{
    public Guid? ItemID { get; init; }
    public string? Code { get; init; }
    public string? Name { get; init; }
    public string? Description { get; init; }
    public bool? IsSold { get; init; }
    public XeroItemDetails? SalesDetails { get; init; }

    /// <summary>True when <see cref="PurchaseDetails"/> is sent (Mapping:Item); false would clear the purchase side (docs/xero-rules.md#x-item-is-sold-clears-sales).</summary>
    public bool? IsPurchased { get; init; }

    /// <summary>The purchase account and cost (spec Item.PurchaseDetails, schema Purchase).</summary>
    public XeroItemDetails? PurchaseDetails { get; init; }

    /// <summary>Read-only; Xero sends it as <c>/Date(…)/</c> or ISO-8601.</summary>
    public DateTimeOffset? UpdatedDateUTC { get; init; }

    public string? StatusAttributeString { get; init; }
    public IReadOnlyList<XeroValidationError>? ValidationErrors { get; init; }
}
