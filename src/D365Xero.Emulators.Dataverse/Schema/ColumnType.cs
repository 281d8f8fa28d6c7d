namespace D365Xero.Emulators.Dataverse;

/// <summary>The attribute types the emulator stores; names follow Dataverse's AttributeTypeCode.</summary>
internal enum ColumnType
{
    Uniqueidentifier,
    String,
    Memo,
    Integer,
    BigInt,
    Decimal,
    Money,
    Boolean,
    DateTime,
    Picklist,
    State,
    Status,
    Lookup,
    Customer,
    EntityName,
}
