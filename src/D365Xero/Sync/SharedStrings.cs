namespace D365Xero.Sync;

/// <summary>
/// One shared instance of each of a few known values (Xero's statuses), instead of the copy every record read from an answer
/// carries: an index keeps one per row, and 100,000 copies of "ACTIVE" are 100,000 strings.
/// </summary>
internal static class SharedStrings
{
    /// <summary>The known instance equal to <paramref name="value"/>, else <paramref name="value"/> itself.</summary>
    public static string? Of(string? value, string[] known)
    {
        foreach (var k in known)
        {
            if (k == value) return k;
        }
        return value;
    }
}
