using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace D365Xero.Configuration;

/// <summary>
/// Binds a configuration section onto an options object the way .NET does (enum names case-insensitively),
/// after first refusing any value that would not convert, naming its full key, instead of the binder's
/// own exception; then checks the bound values against their data annotations.
/// </summary>
public static class SettingsBinder
{
    /// <summary>Binds <paramref name="path"/> of <paramref name="root"/> onto <paramref name="target"/>; throws on a value that does not convert.</summary>
    public static void Bind(IConfiguration root, string path, object target)
    {
        var section = Section(root, path);
        foreach (var property in SettingRules.Settable(target.GetType()))
        {
            if (section[property.Name] is { } raw && !SettingRules.Converts(raw, property.PropertyType))
            {
                throw SettingError.Exception(target.GetType(), SettingError.Key(path, property.Name), raw, SettingRules.Allowed(property));
            }
        }
        section.Bind(target);
    }

    /// <summary>One line per setting that breaks its rules.</summary>
    public static IEnumerable<string> Problems(IConfiguration root, string path, object target)
    {
        var section = Section(root, path);
        return SettingRules.Settable(target.GetType()).Select(p => SettingRules.Problem(p, target, path, section)).OfType<string>();
    }

    /// <summary>Bound and checked, or an <see cref="OptionsValidationException"/> naming every bad key.</summary>
    public static T Load<T>(IConfiguration root, string path) where T : new()
    {
        var options = new T();
        Bind(root, path, options);
        var problems = Problems(root, path, options).ToList();
        if (problems.Count > 0) throw new OptionsValidationException(Microsoft.Extensions.Options.Options.DefaultName, typeof(T), problems);
        return options;
    }

    private static IConfiguration Section(IConfiguration root, string path) => path.Length == 0 ? root : root.GetSection(path);
}
