namespace D365Xero.Emulators.Dataverse;

/// <summary>
/// Resolves $filter property paths against a row: columns, <c>_x_value</c> lookups, and one hop through a
/// lookup such as <c>sdkmessageid/name</c> (used to find sdkmessagefilters, docs/dataverse-rules.md#d-webhook-steps; learn.microsoft.com/power-apps/developer/data-platform/register-web-hook).
/// </summary>
internal static class RowResolver
{
    public static Func<string, object?> For(DataverseStore store, TableDefinition table, Row row) => path =>
    {
        var slash = path.IndexOf('/');
        if (slash < 0)
        {
            var column = table.FindByReadName(path) ?? (path == table.PrimaryIdAttribute ? table.PrimaryId : null);
            return column is null ? null : column == table.PrimaryId ? row.Id : row[column];
        }
        var navigation = table.FindNavigation(path[..slash]);
        if (navigation is null || row[navigation.Value.Column] is not EntityRef reference || reference.Table != navigation.Value.Target.Table) return null;
        var target = store[reference.Table];
        var related = target.Get(reference.Id);
        return related is null ? null : For(store, target.Definition, related)(path[(slash + 1)..]);
    };

    /// <summary>Throws the Dataverse error for a property path the table does not have.</summary>
    public static void Validate(DataverseStore store, TableDefinition table, string path)
    {
        var slash = path.IndexOf('/');
        if (slash < 0)
        {
            if (table.FindByReadName(path) is null) throw Errors.UnknownQueryProperty(table, path);
            return;
        }
        var navigation = table.FindNavigation(path[..slash]) ?? throw Errors.UnknownQueryProperty(table, path[..slash]);
        Validate(store, store.Schema[navigation.Target.Table], path[(slash + 1)..]);
    }
}
