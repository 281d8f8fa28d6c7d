using System.CommandLine;
using D365Xero.Configuration;
using D365Xero.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace D365Xero.Cli;

/// <summary>
/// The composition root of every verb but `serve` and `sandbox` (their host is the web app): a generic
/// host (https://learn.microsoft.com/dotnet/core/extensions/generic-host) with the connector's settings,
/// HTTP clients and runtime. Every setting is checked before the verb does anything.
/// </summary>
public static class CommandHost
{
    public static IConfigurationRoot Configuration(ParseResult parse, IDictionary<string, string?>? overrides = null) =>
        ConnectorConfiguration.Build(parse.GetValue(CliApp.Config)?.FullName, overrides);

    /// <summary>Builds the host, checks the settings, opens the runtime (unless <paramref name="open"/> is false) and runs <paramref name="verb"/>.</summary>
    public static async Task<int> RunAsync(ParseResult parse, CancellationToken ct, Func<VerbScope, CancellationToken, Task<int>> verb, bool open = true)
    {
        var configuration = Configuration(parse);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.AddConnectorLogging(configuration);
        builder.Services.AddConnector(configuration);
        using var host = builder.Build();
        // What Host.StartAsync would do first (ValidateOnStart); the one-shot verbs start no hosted service.
        host.Services.GetService<IStartupValidator>()?.Validate();
        if (open) ShutdownSignals.Runtime = await host.Services.GetRequiredService<ConnectorRuntimeOpener>().OpenAsync(ct);
        return await verb(new VerbScope(host.Services, configuration), ct);
    }
}
