namespace D365Xero.Emulators.Dataverse;

/// <summary>Which instance annotations a request asked for: <c>*</c>, exact names, or <c>Namespace.*</c>.</summary>
internal sealed class AnnotationFilter(IReadOnlyList<string> patterns)
{
    public const string FormattedValue = "OData.Community.Display.V1.FormattedValue";
    public const string LookupLogicalName = "Microsoft.Dynamics.CRM.lookuplogicalname";
    public const string AssociatedNavigationProperty = "Microsoft.Dynamics.CRM.associatednavigationproperty";

    public static readonly AnnotationFilter None = new([]);

    public bool Any => patterns.Count > 0;

    public static AnnotationFilter Parse(string value) =>
        new(value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    public bool Includes(string annotation) => patterns.Any(p =>
        p == "*" ||
        string.Equals(p, annotation, StringComparison.OrdinalIgnoreCase) ||
        (p.EndsWith(".*", StringComparison.Ordinal) && annotation.StartsWith(p[..^1], StringComparison.OrdinalIgnoreCase)));
}
