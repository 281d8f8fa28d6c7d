using Microsoft.Extensions.Configuration;

namespace D365Xero.Configuration;

/// <summary>
/// Configuration as .NET does it: appsettings.json (beside the program, then the working folder),
/// the <c>--config</c> file, then environment variables (<c>Xero__ClientSecret</c>), which win, so
/// secrets come from the environment and never from a committed file. Overrides (the sandbox's
/// emulator addresses, test settings) come last.
/// </summary>
public static class ConnectorConfiguration
{
    public static IConfigurationRoot Build(string? configFile = null, IDictionary<string, string?>? overrides = null)
    {
        var builder = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true);
        if (configFile is not null)
        {
            if (!File.Exists(configFile)) throw new FileNotFoundException($"The configuration file {configFile} does not exist.", configFile);
            builder.AddJsonFile(Path.GetFullPath(configFile), optional: false);
        }
        builder.AddEnvironmentVariables();
        if (overrides is not null) builder.AddInMemoryCollection(overrides);
        return builder.Build();
    }
}
