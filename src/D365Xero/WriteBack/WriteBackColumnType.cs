namespace D365Xero.WriteBack;

public enum WriteBackColumnType
{
    String,
    Memo,
    DateTime,
    /// <summary>A decimal number with two places (an amount).</summary>
    Decimal,
}
