namespace D365Xero.Emulators.Dataverse;

/// <summary>
/// The <c>MSCRM.SolutionUniqueName</c> header of a metadata create (docs/dataverse-rules.md#d-table-create;
/// learn.microsoft.com/power-apps/developer/data-platform/webapi/create-update-entity-definitions-using-web-api): which publisher prefixes a
/// SchemaName may use, and the solution the new component joins.
/// </summary>
internal static class SolutionScope
{
    /// <summary>Solution component types (learn.microsoft.com/power-apps/developer/data-platform/reference/entities/solutioncomponent).</summary>
    public const int Entity = 1, Attribute = 2, Relationship = 10;

    /// <summary>The prefixes allowed: the named solution's publisher's, or any publisher's when no solution is named.</summary>
    public static HashSet<string> Prefixes(EmulatorContext ctx, string? solutionName)
    {
        var publishers = ctx.Store["publisher"];
        var prefixColumn = publishers.Definition.Find("customizationprefix")!;
        if (solutionName is null)
            return publishers.Ordered().Select(p => (p[prefixColumn] as string ?? "").ToLowerInvariant()).Where(p => p.Length > 0).ToHashSet();
        var solutions = ctx.Store["solution"];
        var publisher = Find(ctx, solutionName)[solutions.Definition.Find("publisherid")!] is EntityRef r ? publishers.Get(r.Id) : null;
        return publisher?[prefixColumn] is string prefix ? [prefix.ToLowerInvariant()] : [];
    }

    /// <summary>
    /// Rule: a SchemaName starts with the customization prefix of the solution's publisher (docs/dataverse-rules.md#d-publisher-prefix;
    /// learn.microsoft.com/power-apps/developer/data-platform/reference/entities/publisher).
    /// </summary>
    public static void RequirePrefix(EmulatorContext ctx, string? solutionName, string schemaName, string componentType)
    {
        var prefixes = Prefixes(ctx, solutionName);
        var underscore = schemaName.IndexOf('_');
        if (underscore <= 0 || !prefixes.Contains(schemaName[..underscore].ToLowerInvariant()))
            throw Errors.BadRequest($"The schema name {schemaName} for type {componentType} is not prefixed as expected. The prefix must be one of: {string.Join(", ", prefixes)}.", "0x80044373"); // [unverified wording]
    }

    /// <summary>Records the new component in the named solution (nothing when no solution is named: it joins only the default one).</summary>
    public static void Join(EmulatorContext ctx, string? solutionName, Guid componentId, int componentType)
    {
        if (solutionName is null) return;
        var solution = Find(ctx, solutionName);
        var table = ctx.Store.Schema["solutioncomponent"];
        var payload = new WritePayload();
        payload.Set(table.Find("solutionid")!, new EntityRef("solution", solution.Id));
        payload.Set(table.Find("objectid")!, componentId.ToString("D"));
        payload.Set(table.Find("componenttype")!, ColumnValues.BoxInt(componentType));
        using var unit = ctx.Store.Begin();
        ctx.Records.Create(table, payload);
        unit.Commit();
    }

    private static Row Find(EmulatorContext ctx, string solutionName)
    {
        var solutions = ctx.Store["solution"];
        return solutions.Ordered().FirstOrDefault(s => string.Equals(s[solutions.Definition.Find("uniquename")!] as string, solutionName, StringComparison.OrdinalIgnoreCase))
            ?? throw new DataverseException(404, "0x8004a101", $"The solution with unique name '{solutionName}' does not exist."); // [unverified wording]
    }
}
