using Microsoft.Extensions.Configuration;

namespace D365Xero.Configuration;

/// <summary>A configured connection's name and where its keys are (<c>Connections:0:</c>, or nothing for <c>default</c>).</summary>
public sealed record ConnectionSection(string Name, string KeyPrefix)
{
    /// <summary>Binds the connection's three sections onto <paramref name="settings"/>; a value that does not convert throws, naming its key.</summary>
    public void BindTo(ConnectionSettings settings, IConfiguration configuration)
    {
        settings.Name = Name;
        settings.KeyPrefix = KeyPrefix;
        SettingsBinder.Bind(configuration, KeyPrefix + "Dataverse", settings.Dataverse);
        SettingsBinder.Bind(configuration, KeyPrefix + "Xero", settings.Xero);
        SettingsBinder.Bind(configuration, KeyPrefix + "Sync", settings.Sync);
        Mapping.MappingBinder.Bind(configuration, KeyPrefix + "Mapping", settings.Sync.Mapping);
    }
}
