using System.CommandLine;
using D365Xero.Configuration;
using D365Xero.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace D365Xero.Cli;

/// <summary>What every connector verb needs: configuration, logging and the opened runtime.</summary>
public static class CommandHost
{
    public static IConfigurationRoot Configuration(ParseResult parse, IDictionary<string, string?>? overrides = null) =>
        ConnectorConfiguration.Build(parse.GetValue(CliApp.Config)?.FullName, overrides);

    /// <summary>
    /// Console logs at Warning unless <c>Logging:LogLevel:Default</c> says otherwise. One line each;
    /// <c>Logging__Console__FormatterName</c> picks the form: <c>simple</c> (default), <c>json</c> (one
    /// JSON object a line with UTC timestamps, for journald, Azure Monitor and other collectors) or
    /// <c>systemd</c> (journald priority prefixes).
    /// </summary>
    public static ILoggerFactory Logging(IConfiguration configuration) => LoggerFactory.Create(b => ConfigureLogging(b, configuration));

    public static void ConfigureLogging(ILoggingBuilder builder, IConfiguration configuration)
    {
        builder.AddConfiguration(configuration.GetSection("Logging"));
        builder.SetMinimumLevel(Enum.TryParse<LogLevel>(configuration["Logging:LogLevel:Default"], out var level) ? level : LogLevel.Warning);
        switch (configuration["Logging:Console:FormatterName"]?.ToLowerInvariant())
        {
            case "json":
                builder.AddJsonConsole(o => { o.UseUtcTimestamp = true; o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ"; });
                break;
            case "systemd":
                builder.AddSystemdConsole();
                break;
            default:
                builder.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
                break;
        }
    }

    public static async Task<ConnectorRuntime> OpenAsync(IConfiguration configuration, ILoggerFactory logs, CancellationToken ct) =>
        await ConnectorRuntime.OpenAsync(configuration, TimeProvider.System, logs, ct);
}
