using System.Globalization;

namespace D365Xero.Emulators.Dataverse;

/// <summary>
/// Comparison of stored values with filter literals. Strings compare case-insensitively, as Dataverse's
/// default SQL collation does; lookups compare by their GUID.
/// </summary>
internal static class FilterValues
{
    public static int Compare(object value, object literal)
    {
        value = Normalize(value);
        literal = Normalize(literal);
        switch (value)
        {
            case string s when literal is string l:
                return string.Compare(s, l, StringComparison.OrdinalIgnoreCase);
            case Guid g when literal is Guid lg:
                return g.CompareTo(lg);
            case Guid g when literal is string ls && Guid.TryParse(ls, out var parsed):
                return g.CompareTo(parsed);
            case decimal d when literal is decimal ld:
                return d.CompareTo(ld);
            case bool b when literal is bool lb:
                return b.CompareTo(lb);
            case DateTimeOffset t when literal is DateTimeOffset lt:
                return t.CompareTo(lt);
            case DateTimeOffset t when literal is string ls2 && DateTimeOffset.TryParse(ls2, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var lt2):
                return t.CompareTo(lt2);
            default:
                return string.Compare(Convert.ToString(value, CultureInfo.InvariantCulture), Convert.ToString(literal, CultureInfo.InvariantCulture), StringComparison.OrdinalIgnoreCase);
        }
    }

    private static object Normalize(object v) => v switch
    {
        EntityRef r => r.Id,
        int i => (decimal)i,
        long l => (decimal)l,
        double d => (decimal)d,
        _ => v,
    };
}
