using System.Text.RegularExpressions;

namespace D365Xero.Emulators.Dataverse;

/// <summary>Splits a multipart/mixed body on its boundary and reads each part's headers (RFC 2046; docs/dataverse-rules.md#d-batch; learn.microsoft.com/power-apps/developer/data-platform/webapi/execute-batch-operations-using-web-api).</summary>
internal static partial class MultipartReader
{
    public static string? Boundary(string? contentType)
    {
        if (contentType is null) return null;
        var match = BoundaryPattern().Match(contentType);
        return match.Success ? match.Groups[1].Value.Trim('"') : null;
    }

    public static List<MultipartPart> Read(string body, string boundary)
    {
        var text = body.Replace("\r\n", "\n");
        var parts = new List<MultipartPart>();
        var delimiter = "--" + boundary;
        foreach (var chunk in text.Split(delimiter).Skip(1))
        {
            if (chunk.StartsWith("--", StringComparison.Ordinal)) break;
            var content = chunk.TrimStart('\n');
            var (headers, rest) = ReadHeaders(content);
            parts.Add(new MultipartPart(headers, rest));
        }
        return parts;
    }

    /// <summary>Reads header lines up to the first blank line; returns the headers and what follows.</summary>
    public static (Dictionary<string, string> Headers, string Remainder) ReadHeaders(string text)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var end = text.IndexOf("\n\n", StringComparison.Ordinal);
        var block = end < 0 ? text : text[..end];
        foreach (var line in block.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = line.IndexOf(':');
            if (colon > 0) headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        return (headers, end < 0 ? "" : text[(end + 2)..]);
    }

    [GeneratedRegex("boundary=(\"[^\"]+\"|[^;\\s]+)", RegexOptions.IgnoreCase)]
    private static partial Regex BoundaryPattern();
}
