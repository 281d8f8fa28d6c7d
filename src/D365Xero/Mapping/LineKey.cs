namespace D365Xero.Mapping;

/// <summary>
/// Which Dynamics thing an invoice line stands for, so its Xero LineItemID can be remembered and
/// sent back on the next update (Xero deletes and recreates lines sent without it, docs/xero-rules.md#x-invoice-line-item-id; waynerobinson/xeroizer#238).
/// A plain string, so it can be stored as is.
/// </summary>
public readonly record struct LineKey(string Value)
{
    /// <summary>The line of the order-level discount (discountamount / discountpercentage).</summary>
    public static readonly LineKey OrderDiscount = new("order-discount");

    /// <summary>The line of the order's freight (freightamount).</summary>
    public static readonly LineKey Freight = new("freight");

    /// <summary>The line of one order line (salesorderdetail).</summary>
    public static LineKey Of(Guid orderLineId) => new("line:" + orderLineId.ToString("N"));

    public override string ToString() => Value;
}
