using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace D365Xero.Emulators.Dataverse;

/// <summary>
/// Recursive-descent parser for the $filter subset the connector uses: eq/ne/gt/ge/lt/le, and/or/not,
/// parentheses, contains/startswith/endswith, and literals (null, true/false, numbers, 'strings' with '' escapes,
/// GUIDs, ISO dates). docs/dataverse-rules.md#d-filter-syntax; learn.microsoft.com/power-apps/developer/data-platform/webapi/query/filter-rows.
/// </summary>
internal sealed partial class FilterParser
{
    private static readonly string[] Comparisons = ["eq", "ne", "gt", "ge", "lt", "le"];
    private readonly string _text;
    private int _pos;

    private FilterParser(string text) => _text = text;

    public static FilterNode Parse(string text)
    {
        var parser = new FilterParser(text);
        var node = parser.ParseOr();
        parser.SkipSpaces();
        if (parser._pos < text.Length) throw parser.Syntax();
        return node;
    }

    private FilterNode ParseOr()
    {
        var left = ParseAnd();
        while (TryKeyword("or")) left = new OrNode(left, ParseAnd());
        return left;
    }

    private FilterNode ParseAnd()
    {
        var left = ParseUnary();
        while (TryKeyword("and")) left = new AndNode(left, ParseUnary());
        return left;
    }

    private FilterNode ParseUnary()
    {
        SkipSpaces();
        if (TryKeyword("not")) return new NotNode(ParseUnary());
        if (Peek() == '(')
        {
            _pos++;
            var inner = ParseOr();
            Expect(')');
            return inner;
        }
        var word = ReadWord();
        SkipSpaces();
        if (Peek() == '(' && word is "contains" or "startswith" or "endswith")
        {
            _pos++;
            SkipSpaces();
            var path = ReadWord();
            Expect(',');
            SkipSpaces();
            if (ReadLiteral() is not string arg) throw Syntax();
            Expect(')');
            return new FunctionNode(word, path, arg);
        }
        var op = ReadWord();
        if (!Comparisons.Contains(op)) throw Syntax();
        SkipSpaces();
        return new ComparisonNode(word, op, ReadLiteral());
    }

    private object? ReadLiteral()
    {
        SkipSpaces();
        if (Peek() == '\'')
        {
            var sb = new StringBuilder();
            _pos++;
            while (true)
            {
                if (_pos >= _text.Length) throw Syntax();
                var c = _text[_pos++];
                if (c == '\'')
                {
                    if (Peek() == '\'') { sb.Append('\''); _pos++; continue; }
                    return sb.ToString();
                }
                sb.Append(c);
            }
        }
        var token = ReadToken();
        if (token == "null") return null;
        if (token == "true") return true;
        if (token == "false") return false;
        if (Guid.TryParseExact(token, "D", out var guid)) return guid;
        if (DateLiteral().IsMatch(token) && DateTimeOffset.TryParse(token, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)) return date;
        if (decimal.TryParse(token.TrimEnd('m', 'M'), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return number;
        throw Syntax();
    }

    private string ReadWord()
    {
        SkipSpaces();
        var start = _pos;
        while (_pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] is '_' or '/' or '.')) _pos++;
        if (start == _pos) throw Syntax();
        return _text[start.._pos];
    }

    private string ReadToken()
    {
        var start = _pos;
        while (_pos < _text.Length && !char.IsWhiteSpace(_text[_pos]) && _text[_pos] is not ')' and not ',') _pos++;
        if (start == _pos) throw Syntax();
        return _text[start.._pos];
    }

    private bool TryKeyword(string keyword)
    {
        SkipSpaces();
        var end = _pos + keyword.Length;
        if (end < _text.Length && string.CompareOrdinal(_text, _pos, keyword, 0, keyword.Length) == 0 && (char.IsWhiteSpace(_text[end]) || _text[end] == '('))
        {
            _pos = end;
            return true;
        }
        return false;
    }

    private void Expect(char c)
    {
        SkipSpaces();
        if (Peek() != c) throw Syntax();
        _pos++;
    }

    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private void SkipSpaces()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos])) _pos++;
    }

    // [unverified wording] OData's syntax error for a malformed $filter.
    private DataverseException Syntax() =>
        Errors.BadRequest($"Syntax error at position {_pos} in '{_text}'.");

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}")]
    private static partial Regex DateLiteral();
}
