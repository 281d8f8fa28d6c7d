using Microsoft.Extensions.Options;

namespace D365Xero.Configuration;

/// <summary>The one line a verb stops with when a setting is wrong: the full key, the value, and what is allowed.</summary>
public static class SettingError
{
    /// <summary>A setting left empty is said to be unset (with the environment variable that sets it), not to hold a wrong value.</summary>
    public static string Line(string key, string? value, string allowed) => string.IsNullOrEmpty(value)
        ? $"setting {key} is not set (environment variable {key.Replace(":", "__", StringComparison.Ordinal)}): {allowed}."
        : $"invalid setting {key} = '{value}': {allowed}.";

    public static OptionsValidationException Exception(Type options, string key, string? value, string allowed) =>
        new(Microsoft.Extensions.Options.Options.DefaultName, options, [Line(key, value, allowed)]);

    /// <summary><c>Connections:0:Sync</c> + <c>Parallelism</c>; an empty path is the root (<c>Urls</c>).</summary>
    public static string Key(string path, string name) => path.Length == 0 ? name : $"{path}:{name}";
}
