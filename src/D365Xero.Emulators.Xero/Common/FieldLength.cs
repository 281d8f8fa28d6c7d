namespace D365Xero.Emulators.Xero.Common;

/// <summary>One wording for every max-length rule, so the messages read alike across resources.</summary>
internal static class FieldLength
{
    public static void Check(List<string> errors, string label, string? value, int max)
    {
        if (value is not null && value.Length > max)
            errors.Add($"{label} must not be more than {max} characters long.");
    }
}
