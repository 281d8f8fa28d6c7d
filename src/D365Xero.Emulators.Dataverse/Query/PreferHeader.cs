using System.Text.RegularExpressions;

namespace D365Xero.Emulators.Dataverse;

/// <summary>The Prefer values Dataverse supports (docs/dataverse-rules.md#d-prefer-header; learn.microsoft.com/power-apps/developer/data-platform/webapi/compose-http-requests-handle-errors).</summary>
internal sealed partial class PreferHeader
{
    /// <summary>Default and maximum page size (docs/dataverse-rules.md#d-paging; learn.microsoft.com/power-apps/developer/data-platform/webapi/query/page-results).</summary>
    public const int MaxPageSize = 5000;

    public bool ReturnRepresentation { get; private init; }
    public bool TrackChanges { get; private init; }
    public bool ContinueOnError { get; private init; }
    public int? MaxPage { get; private init; }
    public AnnotationFilter Annotations { get; private init; } = AnnotationFilter.None;

    public static PreferHeader Parse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header)) return new PreferHeader();
        var annotations = AnnotationsPattern().Match(header);
        var maxPage = MaxPagePattern().Match(header);
        var withoutAnnotations = annotations.Success ? header.Remove(annotations.Index, annotations.Length) : header;
        var parts = withoutAnnotations.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new PreferHeader
        {
            ReturnRepresentation = parts.Contains("return=representation", StringComparer.OrdinalIgnoreCase),
            TrackChanges = parts.Contains("odata.track-changes", StringComparer.OrdinalIgnoreCase),
            ContinueOnError = parts.Contains("odata.continue-on-error", StringComparer.OrdinalIgnoreCase),
            MaxPage = maxPage.Success ? int.Parse(maxPage.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null,
            Annotations = annotations.Success ? AnnotationFilter.Parse(annotations.Groups[1].Value) : AnnotationFilter.None,
        };
    }

    [GeneratedRegex("odata\\.include-annotations=\"([^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex AnnotationsPattern();

    [GeneratedRegex(@"odata\.maxpagesize=(\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex MaxPagePattern();
}
