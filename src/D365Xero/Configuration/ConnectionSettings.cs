using D365Xero.Source.Dataverse;
using D365Xero.Target.Xero;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

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

    /// <summary>Where its keys are: <c>Connections:0:</c>, or nothing for the one top-level connection.</summary>
    public string KeyPrefix { get; set; } = "";

    /// <summary>Every configured connection, bound and checked (an <see cref="OptionsValidationException"/> names each bad key).</summary>
    public static IReadOnlyList<ConnectionSettings> Load(IConfiguration configuration)
    {
        var all = Find(configuration).Select(c => { var s = new ConnectionSettings(); c.BindTo(s, configuration); return s; }).ToList();
        var problems = all.SelectMany(s => s.Problems(configuration)).ToList();
        if (problems.Count > 0) throw new OptionsValidationException(Microsoft.Extensions.Options.Options.DefaultName, typeof(ConnectionSettings), problems);
        return all;
    }

    /// <summary>The connections configured, by name and key prefix, before anything is bound.</summary>
    public static IReadOnlyList<ConnectionSection> Find(IConfiguration configuration)
    {
        var many = configuration.GetSection("Connections").GetChildren().ToList();
        if (many.Count == 0) return [new ConnectionSection("default", "")];
        return many.Select((section, i) => new ConnectionSection(section["Name"] ?? $"connection{i}", $"Connections:{section.Key}:")).ToList();
    }

    /// <summary>One line per setting of this connection that breaks its rules.</summary>
    public IEnumerable<string> Problems(IConfiguration configuration) =>
        SettingsBinder.Problems(configuration, KeyPrefix + "Dataverse", Dataverse)
            .Concat(SettingsBinder.Problems(configuration, KeyPrefix + "Xero", Xero))
            .Concat(SettingsBinder.Problems(configuration, KeyPrefix + "Sync", Sync))
            .Concat(Mapping.MappingRules.Problems(Sync.Mapping, KeyPrefix + "Mapping"));
}
