namespace D365Xero.Emulators.Dataverse;

/// <summary>
/// What every organisation has before anyone customises it: a main form for each synced table
/// (type 2, the default one marked <c>isdefault</c>) and an "Active …" public view (querytype 0)
/// (docs/dataverse-rules.md#d-systemforms-formxml; docs/dataverse-rules.md#d-savedqueries).
/// </summary>
internal static class CustomizationSeeder
{
    public const int MainForm = 2;
    public const int PublicView = 0;

    public static void Seed(SeedWriter writer, DateTimeOffset at)
    {
        var index = 0;
        foreach (var form in SeededForms.All)
        {
            writer.Insert("systemform", DeterministicGuid.For("systemform", ++index), at,
                ("name", form.Name), ("objecttypecode", form.Table), ("type", MainForm), ("isdefault", form.IsDefault),
                ("formactivationstate", 1), ("iscustomizable", true), ("formxml", FormXmlWriter.Write(form)));
        }
        index = 0;
        foreach (var table in SeededForms.All.Select(f => f.Table).Distinct())
        {
            var definition = writer.Schema[table];
            var key = definition.PrimaryIdAttribute;
            var name = definition.PrimaryNameAttribute;
            writer.Insert("savedquery", DeterministicGuid.For("savedquery", ++index), at,
                ("name", $"Active {char.ToUpperInvariant(definition.EntitySetName[0])}{definition.EntitySetName[1..]}"), ("returnedtypecode", table),
                ("querytype", PublicView), ("isdefault", true), ("isquickfindquery", false),
                ("fetchxml", $"<fetch version=\"1.0\" mapping=\"logical\"><entity name=\"{table}\"><attribute name=\"{name}\" /><attribute name=\"{key}\" />"
                    + $"<order attribute=\"{name}\" descending=\"false\" /><filter type=\"and\"><condition attribute=\"statecode\" operator=\"eq\" value=\"0\" /></filter></entity></fetch>"),
                ("layoutxml", $"<grid name=\"resultset\" object=\"{definition.ObjectTypeCode}\" jump=\"{name}\" select=\"1\" icon=\"1\" preview=\"1\"><row name=\"result\" id=\"{key}\"><cell name=\"{name}\" width=\"300\" /></row></grid>"));
        }
    }
}
