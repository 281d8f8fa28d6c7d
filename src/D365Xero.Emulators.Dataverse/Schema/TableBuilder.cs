namespace D365Xero.Emulators.Dataverse;

/// <summary>Terse column declarations for <see cref="SchemaCatalog"/>.</summary>
internal sealed class TableBuilder(TableDefinition table)
{
    public TableDefinition Table => table;

    public TableBuilder String(string name, int max, bool readOnly = false, bool createOnly = false, bool readable = true)
    { table.Add(new() { LogicalName = name, Type = ColumnType.String, MaxLength = max, IsReadOnly = readOnly, IsCreateOnly = createOnly, IsReadable = readable }); return this; }

    public TableBuilder Strings(int max, params string[] names)
    { foreach (var n in names) String(n, max); return this; }

    public TableBuilder Memo(string name, int max = 2000) { table.Add(new() { LogicalName = name, Type = ColumnType.Memo, MaxLength = max }); return this; }
    public TableBuilder Integer(string name, bool readOnly = false) { table.Add(new() { LogicalName = name, Type = ColumnType.Integer, IsReadOnly = readOnly }); return this; }
    public TableBuilder Decimal(string name, bool readOnly = false) { table.Add(new() { LogicalName = name, Type = ColumnType.Decimal, IsReadOnly = readOnly }); return this; }
    public TableBuilder Boolean(string name, bool readOnly = false, bool createOnly = false) { table.Add(new() { LogicalName = name, Type = ColumnType.Boolean, IsReadOnly = readOnly, IsCreateOnly = createOnly }); return this; }
    public TableBuilder DateTime(string name, bool readOnly = false, string? format = null) { table.Add(new() { LogicalName = name, Type = ColumnType.DateTime, IsReadOnly = readOnly, DateFormat = format }); return this; }
    public TableBuilder EntityName(string name) { table.Add(new() { LogicalName = name, Type = ColumnType.EntityName, MaxLength = 100 }); return this; }

    public TableBuilder Money(params string[] names)
    { foreach (var n in names) table.Add(new() { LogicalName = n, Type = ColumnType.Money }); return this; }

    public TableBuilder ReadOnlyMoney(params string[] names)
    { foreach (var n in names) table.Add(new() { LogicalName = n, Type = ColumnType.Money, IsReadOnly = true }); return this; }

    public TableBuilder Picklist(string name, params (int Value, string Label)[] options)
    { table.Add(new() { LogicalName = name, Type = ColumnType.Picklist, Options = options.ToDictionary(o => o.Value, o => o.Label) }); return this; }

    public TableBuilder State(params (int Value, string Label)[] options)
    { table.Add(new() { LogicalName = "statecode", Type = ColumnType.State, Options = options.ToDictionary(o => o.Value, o => o.Label) }); return this; }

    public TableBuilder Status(params (int Value, string Label)[] options)
    { table.Add(new() { LogicalName = "statuscode", Type = ColumnType.Status, Options = options.ToDictionary(o => o.Value, o => o.Label) }); return this; }

    /// <summary>A single-target lookup whose navigation property has the column's own name (e.g. primarycontactid).</summary>
    public TableBuilder Lookup(string name, string target, string? navigation = null, bool createOnly = false, bool readOnly = false)
    { table.Add(new() { LogicalName = name, Type = ColumnType.Lookup, Targets = [new(target, navigation ?? name)], IsCreateOnly = createOnly, IsReadOnly = readOnly }); return this; }

    /// <summary>A Customer lookup (account or contact) with navigations <c>{name}_account</c> and <c>{name}_contact</c>.</summary>
    public TableBuilder Customer(string name)
    { table.Add(new() { LogicalName = name, Type = ColumnType.Customer, Targets = [new("account", name + "_account"), new("contact", name + "_contact")] }); return this; }

    /// <summary>A lookup to any of <paramref name="targets"/>, bound as <c>{name}_{target}</c> (e.g. annotation.objectid_salesorder).</summary>
    public TableBuilder Polymorphic(string name, params string[] targets)
    { table.Add(new() { LogicalName = name, Type = ColumnType.Lookup, Targets = targets.Select(x => new LookupTarget(x, $"{name}_{x}")).ToList() }); return this; }

    /// <summary>createdon, modifiedon and versionnumber, maintained by the platform.</summary>
    public TableBuilder Audit()
    {
        DateTime("createdon", readOnly: true);
        DateTime("modifiedon", readOnly: true);
        table.Add(new() { LogicalName = "versionnumber", Type = ColumnType.BigInt, IsReadOnly = true });
        return this;
    }

    public TableBuilder Children(string name, string childTable, string childLookup, CascadeDelete onDelete)
    { table.CollectionNavigations.Add(new(name, childTable, childLookup, onDelete)); return this; }
}
