namespace D365Xero.Emulators.Dataverse;

/// <summary>A column (attribute) of a table. Ordinal indexes the row's value array.</summary>
internal sealed class ColumnDefinition
{
    public required string LogicalName { get; init; }
    public required ColumnType Type { get; init; }
    public int Ordinal { get; set; }
    public int MaxLength { get; init; }
    /// <summary>Computed or system-maintained; writes to it are ignored, as Dataverse ignores read-only columns on create.</summary>
    public bool IsReadOnly { get; init; }
    /// <summary>False for secrets such as serviceendpoint.authvalue (IsValidForRead=False, docs/dataverse-rules.md#d-webhook-endpoint; learn.microsoft.com/power-apps/developer/data-platform/register-web-hook).</summary>
    public bool IsReadable { get; init; } = true;
    /// <summary>Not valid for update (e.g. ordernumber, isocurrencycode); silently kept on PATCH.</summary>
    public bool IsCreateOnly { get; init; }
    public bool IsCustom { get; init; }
    public Guid MetadataId { get; init; } = Guid.NewGuid();
    public string SchemaName { get; init; } = "";
    /// <summary>Custom columns are usable through the Web API only after PublishXml names their table (docs/product-rules.md#p-write-back; docs/dataverse-rules.md#d-publish-xml; learn.microsoft.com/dotnet/api/microsoft.crm.sdk.messages.publishxmlrequest).</summary>
    public bool IsPublished { get; set; } = true;
    public IReadOnlyList<LookupTarget> Targets { get; set; } = [];
    public IReadOnlyDictionary<int, string> Options { get; init; } = new Dictionary<int, string>();
    public string? DateFormat { get; init; }
    /// <summary>DateTimeBehavior: a <c>DateOnly</c> column is written and read as a plain date, e.g. <c>2026-12-04</c> (docs/dataverse-rules.md#d-date-only;
    /// learn.microsoft.com/power-apps/developer/data-platform/behavior-format-date-time-attribute).</summary>
    public string? DateBehavior { get; init; }

    public bool IsLookup => Type is ColumnType.Lookup or ColumnType.Customer;
    public bool IsOptionSet => Type is ColumnType.Picklist or ColumnType.State or ColumnType.Status;

    /// <summary>The Web API read name: a lookup <c>x</c> is read as <c>_x_value</c> (docs/dataverse-rules.md#d-lookup-values; learn.microsoft.com/power-apps/developer/data-platform/webapi/query/select-columns).</summary>
    public string ReadName => IsLookup ? $"_{LogicalName}_value" : LogicalName;

    public string EdmType => Type switch
    {
        ColumnType.Uniqueidentifier or ColumnType.Lookup or ColumnType.Customer => "Edm.Guid",
        ColumnType.Integer or ColumnType.Picklist or ColumnType.State or ColumnType.Status => "Edm.Int32",
        ColumnType.BigInt => "Edm.Int64",
        ColumnType.Decimal or ColumnType.Money => "Edm.Decimal",
        ColumnType.Boolean => "Edm.Boolean",
        ColumnType.DateTime => "Edm.DateTimeOffset",
        _ => "Edm.String",
    };
}
