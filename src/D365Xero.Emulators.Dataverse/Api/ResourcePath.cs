using System.Text.RegularExpressions;

namespace D365Xero.Emulators.Dataverse;

/// <summary>A Web API path split into segments, each a name with an optional key: <c>accounts(guid)/primarycontactid/$ref</c>.</summary>
internal sealed partial record ResourcePath(IReadOnlyList<PathSegment> Segments)
{
    public static ResourcePath Parse(string path)
    {
        var segments = new List<PathSegment>();
        foreach (var raw in SplitSegments(Uri.UnescapeDataString(path.Trim('/'))))
        {
            var match = SegmentPattern().Match(raw);
            segments.Add(match.Success
                ? new PathSegment(match.Groups[1].Value, match.Groups[2].Success ? match.Groups[2].Value : null)
                : new PathSegment(raw, null));
        }
        return new ResourcePath(segments);
    }

    /// <summary>Splits on '/' outside parentheses, so keys such as LogicalName='a/b' stay whole.</summary>
    private static IEnumerable<string> SplitSegments(string path)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < path.Length; i++)
        {
            if (path[i] == '(') depth++;
            else if (path[i] == ')') depth--;
            else if (path[i] == '/' && depth == 0)
            {
                yield return path[start..i];
                start = i + 1;
            }
        }
        if (start < path.Length) yield return path[start..];
    }

    [GeneratedRegex(@"^([^()]+)(?:\((.*)\))?$")]
    private static partial Regex SegmentPattern();
}
