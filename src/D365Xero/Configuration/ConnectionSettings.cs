using D365Xero.Source.Dataverse;
using D365Xero.Target.Xero;
using Microsoft.Extensions.Configuration;

namespace D365Xero.Configuration;

/// <summary>
/// One connection: a Dynamics organisation ↔ a Xero organisation, with its mapping options.
/// Many are configured as <c>Connections:{n}:…</c>; without a <c>Connections</c> section the top-level
/// <c>Dataverse</c>, <c>Xero</c> and <c>Sync</c> sections are the one connection, named <c>default</c>.
/// </summary>
public sealed class ConnectionSettings
{
    public string Name { get; set; } = "default";
    public DataverseOptions Dataverse { get; set; } = new();
    public XeroOptions Xero { get; set; } = new();
    public SyncOptions Sync { get; set; } = new();

    public static IReadOnlyList<ConnectionSettings> Load(IConfiguration configuration)
    {
        var many = configuration.GetSection("Connections").GetChildren().ToList();
        if (many.Count == 0) return [Bind(configuration, "default")];
        return many.Select((section, i) => Bind(section, section["Name"] ?? $"connection{i}")).ToList();
    }

    private static ConnectionSettings Bind(IConfiguration section, string name)
    {
        var settings = new ConnectionSettings { Name = name };
        section.GetSection("Dataverse").Bind(settings.Dataverse);
        section.GetSection("Xero").Bind(settings.Xero);
        section.GetSection("Sync").Bind(settings.Sync);
        return settings;
    }
}
