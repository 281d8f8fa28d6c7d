namespace D365Xero.Target.Xero;

/// <summary>
/// How a batch answer is matched to what was sent: by the record's natural key, not its position,
/// since Xero does not promise to keep the order (docs/xero-rules.md#x-batch-order-unpromised; XeroAPI/xero-python#198). A key may have fallbacks:
/// an input is keyed by its first non-empty field, and answer elements are looked up by that same field.
/// </summary>
internal sealed class XeroNaturalKey<T>(string entity, params (string Name, Func<T, string?> Read)[] fields)
{
    /// <summary>"contact", "item", "invoice": for messages.</summary>
    public string Entity { get; } = entity;

    public (int Field, string Value)? Of(T element)
    {
        for (var i = 0; i < fields.Length; i++)
            if (fields[i].Read(element) is { Length: > 0 } value) return (i, value);
        return null;
    }

    public string? Read(int field, T element) => fields[field].Read(element);

    public string Describe(int field, string value) => $"{fields[field].Name} '{value}'";

    /// <summary>Every input needs a key, and no two the same, or the answer cannot be matched.</summary>
    public void EnsureMatchable(IReadOnlyList<T> inputs, string parameterName)
    {
        var seen = new HashSet<(int, string)>(Comparer);
        foreach (var input in inputs)
        {
            var key = Of(input) ?? throw new ArgumentException(
                $"Every {Entity} sent needs a {string.Join(" or ", fields.Select(f => f.Name))}: it is how Xero's answer is matched to it.",
                parameterName);
            if (!seen.Add(key))
                throw new ArgumentException($"Two {Entity}s in one call have the same {Describe(key.Field, key.Value)}.", parameterName);
        }
    }

    /// <summary>
    /// Case-insensitive, so a key Xero echoes in another case still matches; whether Xero treats
    /// keys case-insensitively is not documented, so two inputs differing only in case are refused up front.
    /// </summary>
    public static readonly IEqualityComparer<(int Field, string Value)> Comparer = new FieldValueComparer();

    private sealed class FieldValueComparer : IEqualityComparer<(int Field, string Value)>
    {
        public bool Equals((int Field, string Value) x, (int Field, string Value) y) =>
            x.Field == y.Field && StringComparer.OrdinalIgnoreCase.Equals(x.Value, y.Value);

        public int GetHashCode((int Field, string Value) obj) =>
            HashCode.Combine(obj.Field, StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Value));
    }
}
