namespace D365Xero.WriteBack;

public enum WriteBackColumnType
{
    String,
    Memo,
    DateTime,
}
