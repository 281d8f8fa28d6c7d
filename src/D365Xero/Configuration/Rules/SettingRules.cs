using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace D365Xero.Configuration;

/// <summary>
/// What each setting accepts, read off its options property: its type (an enum's names, a number, a
/// duration, true/false) and its data annotations
/// (https://learn.microsoft.com/dotnet/core/extensions/options#options-validation).
/// </summary>
public static class SettingRules
{
    /// <summary>The settings an options class takes: public, writable, of a type one configuration value converts to.</summary>
    public static IEnumerable<PropertyInfo> Settable([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.CanRead && IsScalar(Plain(p.PropertyType)));

    /// <summary>Whether <paramref name="raw"/> converts as the configuration binder would, taking enum names only (not numbers).</summary>
    public static bool Converts(string raw, Type propertyType)
    {
        var type = Plain(propertyType);
        var text = raw.Trim();
        if (type.IsEnum) return Enum.GetNames(type).Any(n => n.Equals(text, StringComparison.OrdinalIgnoreCase));
        if (type == typeof(bool)) return bool.TryParse(text, out _);
        if (type == typeof(int)) return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _);
        if (type == typeof(long)) return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _);
        if (type == typeof(TimeSpan)) return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out _);
        if (type == typeof(Uri)) return new AbsoluteUrlAttribute().IsValid(text);
        return true;
    }

    /// <summary>What the property accepts, in words; <paramref name="failed"/> (a custom rule) names it best.</summary>
    public static string Allowed(PropertyInfo property, ValidationAttribute? failed = null)
    {
        var type = Plain(property.PropertyType);
        if (type.IsEnum) return "allowed values are " + string.Join(", ", Enum.GetNames(type));
        if (type == typeof(bool)) return "allowed values are true, false";
        var range = property.GetCustomAttribute<RangeAttribute>();
        var rule = failed is not (null or RangeAttribute or RequiredAttribute) ? failed
            : property.GetCustomAttributes<ValidationAttribute>().FirstOrDefault(a => a is not (RangeAttribute or RequiredAttribute));
        if (rule?.ErrorMessage is { } described) return "allowed: " + described;
        if (type == typeof(int) || type == typeof(long)) return "allowed: a whole number" + Between(range);
        if (type == typeof(TimeSpan)) return "allowed: a duration such as 00:00:30" + Between(range);
        return "allowed: any text that is not blank";
    }

    /// <summary>The first rule the bound value breaks, as its line; null when it keeps them all.</summary>
    public static string? Problem(PropertyInfo property, object target, string path, IConfiguration? section)
    {
        var value = property.GetValue(target);
        var broken = property.GetCustomAttributes<ValidationAttribute>().FirstOrDefault(a => !a.IsValid(value));
        return broken is null ? null : SettingError.Line(SettingError.Key(path, property.Name), section?[property.Name] ?? Format(value), Allowed(property, broken));
    }

    private static string Between(RangeAttribute? range) => range is null ? "" : $" from {range.Minimum} to {range.Maximum}";

    private static string Format(object? value) => value switch
    {
        null => "",
        TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static Type Plain(Type type) => Nullable.GetUnderlyingType(type) ?? type;

    private static bool IsScalar(Type type) =>
        type.IsEnum || type == typeof(string) || type == typeof(bool) || type == typeof(int) || type == typeof(long) || type == typeof(TimeSpan) || type == typeof(Uri);
}
