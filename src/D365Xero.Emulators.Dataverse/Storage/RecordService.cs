namespace D365Xero.Emulators.Dataverse;

/// <summary>
/// Create, update and delete with the platform's side effects: versions and timestamps, defaults, computed
/// columns, order totals, cascades, and the events webhooks are built from. Callers hold the gate and a unit of work.
/// </summary>
/// <param name="closedOrdersReadOnly">Enforce docs/dataverse-rules.md#d-closed-order-read-only (<see cref="DataverseEmulatorOptions.ClosedOrdersReadOnly"/>).</param>
internal sealed class RecordService(DataverseStore store, bool closedOrdersReadOnly = false)
{
    private int _orderSequence = 1000;

    public Row Create(TableDefinition table, WritePayload payload)
    {
        var id = payload.Id ?? Guid.NewGuid();
        if (store[table].Contains(id)) throw Errors.BadRequest("Cannot insert duplicate key.", "0x80040237");
        var row = new Row(id, new object?[table.Columns.Count]);
        row[table.PrimaryId] = id;
        foreach (var (column, value) in payload.Values) row[column] = value;
        ApplyDefaults(table, row);
        AnnotationRules.Apply(store, table, row);
        Stamp(table, row, created: true);
        Calculations.Apply(table, row);
        if (table.LogicalName == "salesorder") Calculations.OrderTotals(store, row);
        store.Insert(table, row);
        var columns = payload.Values.Select(v => v.Key).ToList();
        store.Current.Raise(new RowEvent("Create", table, id, null, row.Clone(), columns, store.Now));
        AfterWrite(table, null, row);
        return row;
    }

    public Row Update(TableDefinition table, Row existing, WritePayload payload)
    {
        if (closedOrdersReadOnly) SalesOrderStates.RequireWritable(table, existing, payload);
        var row = existing.Clone();
        foreach (var (column, value) in payload.Values)
        {
            // Columns "not valid for update" (ordernumber, isocurrencycode, salesorder.transactioncurrencyid,
            // salesorderdetail.salesorderid/isproductoverridden) keep their value (docs/dataverse-rules.md#d-table-columns; learn.microsoft.com/dynamics365/developer/reference/entities/salesorderdetail).
            if (column.IsCreateOnly) continue;
            row[column] = value;
        }
        AnnotationRules.Apply(store, table, row);
        Stamp(table, row, created: false);
        Calculations.Apply(table, row);
        if (table.LogicalName == "salesorder") Calculations.OrderTotals(store, row);
        store.Replace(table, existing, row);
        var columns = payload.Values.Select(v => v.Key).ToList();
        store.Current.Raise(new RowEvent("Update", table, row.Id, existing, row.Clone(), columns, store.Now));
        AfterWrite(table, existing, row);
        return row;
    }

    public void Delete(TableDefinition table, Row row)
    {
        foreach (var relation in table.CollectionNavigations)
        {
            var children = store[relation.ChildTable];
            var lookup = children.Definition.FindAny(relation.ChildLookup)!;
            // Rule: Restrict refuses the delete while a child points at the row (docs/dataverse-rules.md#d-relationship-create).
            if (relation.OnDelete == CascadeDelete.Restrict && children.WithLookup(lookup, row.Id).Any(c => c[lookup] is EntityRef r && r.Table == table.LogicalName))
                throw Errors.RestrictedDelete(table, relation.Name);
            foreach (var child in children.WithLookup(lookup, row.Id).Where(c => c[lookup] is EntityRef r && r.Table == table.LogicalName).OrderBy(c => c.Id).ToList())
            {
                if (!children.Contains(child.Id)) continue;
                if (relation.OnDelete == CascadeDelete.Cascade)
                {
                    Delete(children.Definition, children.Get(child.Id)!);
                }
                else
                {
                    // RemoveLink clears the lookup; it is a write (new version) but not an Update message.
                    var unlinked = children.Get(child.Id)!.Clone();
                    unlinked[lookup] = null;
                    Stamp(children.Definition, unlinked, created: false);
                    store.Replace(children.Definition, children.Get(child.Id)!, unlinked);
                }
            }
        }
        store.Remove(table, row);
        store.Current.Raise(new RowEvent("Delete", table, row.Id, row.Clone(), null, [], store.Now));
        AfterWrite(table, row, null);
    }

    private void ApplyDefaults(TableDefinition table, Row row)
    {
        if (table.Find("statecode") is { } state && row[state] is null) row[state] = ColumnValues.BoxInt(0);
        if (table.Find("statuscode") is { } status && row[status] is null) row[status] = ColumnValues.BoxInt(1);
        // Money tables default to the organisation's base currency, as Dataverse does on create.
        if (table.Find("transactioncurrencyid") is { IsReadOnly: false } currency && row[currency] is null && table.Columns.Any(c => c.Type == ColumnType.Money))
            row[currency] = BaseCurrency();
        switch (table.LogicalName)
        {
            case "salesorder" when row[table.Find("ordernumber")!] is null:
                // ordernumber is SystemRequired and generated when absent (docs/dataverse-rules.md#d-table-columns; learn.microsoft.com/dynamics365/developer/reference/entities/salesorder), e.g. ORD-01001-G3L2J4.
                row[table.Find("ordernumber")!] = $"ORD-{++_orderSequence:D5}-{row.Id.ToString("N")[..6].ToUpperInvariant()}";
                break;
            case "salesorderdetail":
                var order = row[table.Find("salesorderid")!] is EntityRef o ? store["salesorder"].Get(o.Id) : null;
                var orderCurrency = order?[store.Schema["salesorder"].Find("transactioncurrencyid")!];
                row[table.Find("transactioncurrencyid")!] = orderCurrency ?? BaseCurrency();
                if (row[table.Find("isproductoverridden")!] is null) row[table.Find("isproductoverridden")!] = false;
                break;
            case "sdkmessageprocessingstep":
                if (row[table.Find("stage")!] is null) row[table.Find("stage")!] = ColumnValues.BoxInt(40);
                if (row[table.Find("mode")!] is null) row[table.Find("mode")!] = ColumnValues.BoxInt(0);
                break;
        }
    }

    private EntityRef? BaseCurrency()
    {
        var organization = store["organization"];
        var row = organization.Ordered().FirstOrDefault();
        return row?[organization.Definition.Find("basecurrencyid")!] as EntityRef?;
    }

    private void Stamp(TableDefinition table, Row row, bool created)
    {
        row.Version = store.NextVersion();
        var now = store.Now;
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
        if (created && table.Find("createdon") is { } createdOn && row[createdOn] is null) row[createdOn] = now;
        if (table.Find("modifiedon") is { } modifiedOn) row[modifiedOn] = now;
        if (table.Find("versionnumber") is { } versionNumber) row[versionNumber] = row.Version;
    }

    /// <summary>A line write recalculates its order's totals; the order gets a new version when they change.</summary>
    private void AfterWrite(TableDefinition table, Row? before, Row? after)
    {
        if (table.LogicalName != "salesorderdetail") return;
        var lookup = table.Find("salesorderid")!;
        var orderId = (after ?? before)![lookup] is EntityRef r ? r.Id : (Guid?)null;
        var orders = store["salesorder"];
        if (orderId is null || orders.Get(orderId.Value) is not { } order) return;
        var recalculated = order.Clone();
        if (!Calculations.OrderTotals(store, recalculated)) return;
        Stamp(orders.Definition, recalculated, created: false);
        store.Replace(orders.Definition, order, recalculated);
    }
}
