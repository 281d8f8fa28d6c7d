namespace D365Xero.Emulators.Dataverse;

/// <summary>
/// What the platform keeps on a note (docs/dataverse-rules.md#d-annotation; learn.microsoft.com/power-apps/developer/data-platform/annotation-file-data):
/// <c>objecttypecode</c> follows the table <c>objectid</c> points at, <c>isdocument</c> and <c>filesize</c> follow <c>documentbody</c>,
/// and a document larger than the organisation's <c>maxuploadfilesize</c> is refused (docs/dataverse-rules.md#d-annotation-size).
/// </summary>
internal static class AnnotationRules
{
    /// <summary>Organization.MaxUploadFileSize's default: 5 MB, i.e. 5,120 KB (learn.microsoft.com/power-apps/developer/data-platform/annotation-file-data).</summary>
    public const int DefaultMaxUploadFileSize = 5 * 1024 * 1024;

    /// <summary>Applies the rules to a note about to be written; throws when the document is too large or is not base64.</summary>
    public static void Apply(DataverseStore store, TableDefinition table, Row row)
    {
        if (table.LogicalName != "annotation") return;
        row[table.Find("objecttypecode")!] = row[table.Find("objectid")!] is EntityRef target ? target.Table : null;
        var body = row[table.Find("documentbody")!] as string;
        if (string.IsNullOrEmpty(body))
        {
            row[table.Find("filesize")!] = ColumnValues.BoxInt(0);
            row[table.Find("isdocument")!] = false;
            return;
        }
        // Rule: the limit applies to the base64 text, which is larger than the file (docs/dataverse-rules.md#d-annotation-size).
        if (body.Length > MaxUploadFileSize(store)) throw Errors.AttachmentTooLarge();
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(body);
        }
        catch (FormatException)
        {
            throw Errors.WrongType(table.Find("documentbody")!, "documentbody");
        }
        row[table.Find("filesize")!] = bytes.Length;
        row[table.Find("isdocument")!] = true;
    }

    private static int MaxUploadFileSize(DataverseStore store)
    {
        var organizations = store["organization"];
        var row = organizations.Ordered().FirstOrDefault();
        return row?[organizations.Definition.Find("maxuploadfilesize")!] is int max and > 0 ? max : DefaultMaxUploadFileSize;
    }
}
