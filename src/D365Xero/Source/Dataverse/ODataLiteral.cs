namespace D365Xero.Source.Dataverse;

/// <summary>
/// The one place where values from Dynamics become OData literals in a <c>$filter</c> or key.
/// A quote in the text is doubled, so a name such as <c>O'Brien</c> cannot end the literal early.
/// </summary>
public static class ODataLiteral
{
    /// <summary><c>O'Brien</c> → <c>'O''Brien'</c>.</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    /// <summary>GUIDs are written plainly, without quotes or braces: <c>_x_value eq 6d81…</c>.</summary>
    public static string Guid(Guid value) => value.ToString("D");
}
