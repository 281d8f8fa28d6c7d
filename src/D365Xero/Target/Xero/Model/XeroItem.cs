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

    /// <summary>Read-only; Xero sends it as <c>/Date(…)/</c> or ISO-8601.</summary>
    public DateTimeOffset? UpdatedDateUTC { get; init; }

    public string? StatusAttributeString { get; init; }
    public IReadOnlyList<XeroValidationError>? ValidationErrors { get; init; }
}
