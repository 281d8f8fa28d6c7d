using System.Diagnostics.CodeAnalysis;
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
    /// <remarks>The options type is the static <typeparamref name="T"/>, annotated so a trimmed or Native AOT build
    /// keeps its public properties (https://learn.microsoft.com/dotnet/core/deploying/trimming/prepare-libraries-for-trimming).</remarks>
    public static void Bind<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] T>(IConfiguration root, string path, T target) where T : class
    {
        var section = Section(root, path);
        foreach (var property in SettingRules.Settable(typeof(T)))
        {
            if (section[property.Name] is { } raw && !SettingRules.Converts(raw, property.PropertyType))
            {
                throw SettingError.Exception(typeof(T), SettingError.Key(path, property.Name), raw, SettingRules.Allowed(property));
            }
        }
        section.Bind(target);
    }

    /// <summary>One line per setting that breaks its rules.</summary>
    public static IEnumerable<string> Problems<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] T>(IConfiguration root, string path, T target) where T : class
    {
        var section = Section(root, path);
        return SettingRules.Settable(typeof(T)).Select(p => SettingRules.Problem(p, target, path, section)).OfType<string>();
    }

    /// <summary>Bound and checked, or an <see cref="OptionsValidationException"/> naming every bad key.</summary>
    public static T Load<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] T>(IConfiguration root, string path) where T : class, new()
    {
        var options = new T();
        Bind(root, path, options);
        var problems = Problems(root, path, options).ToList();
        if (problems.Count > 0) throw new OptionsValidationException(Microsoft.Extensions.Options.Options.DefaultName, typeof(T), problems);
        return options;
    }

    private static IConfiguration Section(IConfiguration root, string path) => path.Length == 0 ? root : root.GetSection(path);
}
