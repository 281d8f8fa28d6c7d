using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace D365Xero.Mapping;

/// <summary>
/// How Dynamics text is cleaned before it reaches Xero, in one place. Each rule names the Xero fact
/// that makes it necessary (docs/xero-rules.md).
/// </summary>
public static partial class XeroText
{
    /// <summary>
    /// Trims, drops control characters, folds runs of white space into one space, and turns angle
    /// brackets into parentheses. Rule: Xero names allow no angle brackets and no leading, trailing
    /// or repeated spaces (docs/xero-rules.md#x-contact-name-text; XeroAPI/xero-php-oauth2#179: a name with '&gt;' silently not created).
    /// </summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var ch in text)
        {
            if (char.IsWhiteSpace(ch)) { pendingSpace = sb.Length > 0; continue; }
            if (char.IsControl(ch) || char.GetUnicodeCategory(ch) == UnicodeCategory.Format && ch != '\u200D') continue;
            if (pendingSpace) { sb.Append(' '); pendingSpace = false; }
            sb.Append(ch switch { '<' => '(', '>' => ')', _ => ch });
        }
        // Most text is clean already: hand back the same string rather than a copy of it.
        return sb.Equals(text.AsSpan()) ? text : sb.ToString();
    }

    /// <summary>Cleans and cuts to <paramref name="max"/> characters (never inside a surrogate pair); says when it cut.</summary>
    public static string? Fit(string? text, int max, string field, ICollection<string> warnings)
    {
        var clean = Clean(text);
        if (clean.Length == 0) return null;
        if (clean.Length <= max) return clean;
        var cut = char.IsHighSurrogate(clean[max - 1]) ? max - 1 : max;
        warnings.Add($"{field} was longer than Xero's {max} characters and was shortened.");
        return clean[..cut].TrimEnd();
    }

    /// <summary>
    /// Like <see cref="Fit"/> for free text that may run over several lines (descriptions): each line
    /// is cleaned as <see cref="Clean"/> does, and the line breaks between them are kept as <c>\n</c>.
    /// Rule: Xero honours <c>\n</c> in line and item descriptions (calcinai/xero-php#858); Description
    /// is ≤ 4000 (docs/xero-rules.md#x-item-field-lengths; developer.xero.com/documentation/api/items; docs/xero-rules.md#x-invoice-line-description).
    /// </summary>
    public static string? FitLines(string? text, int max, string field, ICollection<string> warnings)
    {
        if (string.IsNullOrEmpty(text)) return null;
        var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n').Select(Clean).ToList();
        var joined = string.Join('\n', lines).Trim('\n');
        if (joined.Length == 0) return null;
        if (joined.Length <= max) return joined;
        var cut = char.IsHighSurrogate(joined[max - 1]) ? max - 1 : max;
        warnings.Add($"{field} was longer than Xero's {max} characters and was shortened.");
        return joined[..cut].TrimEnd();
    }

    /// <summary>
    /// An e-mail address Xero will take, or null with a warning. Rule: EmailAddress ≤ 255 and
    /// "umlauts not supported" (spec Contact.EmailAddress; docs/xero-rules.md#x-contact-email-no-umlauts; developer.xero.com/documentation/api/contacts), so only plain ASCII
    /// addresses of the usual shape are sent.
    /// </summary>
    public static string? Email(string? text, string field, ICollection<string> warnings)
    {
        var clean = Clean(text);
        if (clean.Length == 0) return null;
        if (clean.Length <= 255 && EmailShape().IsMatch(clean)) return clean;
        warnings.Add($"{field} '{clean}' is not an address Xero accepts (plain ASCII, name@domain) and was not sent.");
        return null;
    }

    [GeneratedRegex(@"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")]
    private static partial Regex EmailShape();
}
