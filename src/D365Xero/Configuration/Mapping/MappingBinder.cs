using Microsoft.Extensions.Configuration;

namespace D365Xero.Configuration.Mapping;

/// <summary>
/// Binds a connection's <c>Mapping</c> section after refusing what the binder would drop or throw on, naming the key:
/// a field name the <c>Contact</c>, <c>Item</c> or <c>Invoice</c> section does not have (a misspelt field would
/// otherwise be ignored without a word) and a <c>KeepWhenEmpty</c> that is not true or false.
/// </summary>
public static class MappingBinder
{
    private static readonly (string Section, string[] Fields)[] Sections =
    [
        ("Contact", new ContactFieldMaps().All.Select(f => f.Name).ToArray()),
        ("Item", new ItemFieldMaps().All.Select(f => f.Name).ToArray()),
        ("Invoice", [.. new InvoiceFieldMaps().All.Select(f => f.Name), nameof(InvoiceFieldMaps.Reference)]),
    ];

    public static void Bind(IConfiguration configuration, string path, MappingOptions target)
    {
        var mapping = configuration.GetSection(path);
        foreach (var (name, fields) in Sections)
        {
            foreach (var field in mapping.GetSection(name).GetChildren())
            {
                var key = $"{path}:{name}:{field.Key}";
                if (!fields.Contains(field.Key, StringComparer.OrdinalIgnoreCase))
                {
                    var (leafKey, value) = field.AsEnumerable(makePathsRelative: true).FirstOrDefault(kv => kv.Value is not null);
                    throw SettingError.Exception(typeof(MappingOptions), leafKey is { Length: > 0 } ? $"{key}:{leafKey}" : key, value ?? field.Key,
                        $"allowed: a field among {string.Join(", ", fields)}");
                }
                if (field["KeepWhenEmpty"] is { } keep && !bool.TryParse(keep, out _))
                    throw SettingError.Exception(typeof(MappingOptions), $"{key}:KeepWhenEmpty", keep, "allowed: true or false");
            }
        }
        mapping.Bind(target);
    }
}
