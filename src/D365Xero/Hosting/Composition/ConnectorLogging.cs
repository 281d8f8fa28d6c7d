using D365Xero.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace D365Xero.Hosting;

/// <summary>
/// Console logs at Warning unless <c>Logging:LogLevel:Default</c> says otherwise. One line each;
/// <c>Logging__Console__FormatterName</c> picks the form: <c>simple</c> (default), <c>json</c> (one
/// JSON object a line with UTC timestamps, for journald, Azure Monitor and other collectors) or
/// <c>systemd</c> (journald priority prefixes).
/// </summary>
public static class ConnectorLogging
{
    public static ILoggingBuilder AddConnectorLogging(this ILoggingBuilder builder, IConfiguration configuration)
    {
        // Read leniently: a wrong value is reported, naming its key, when the host starts (.NET's own
        // logging would otherwise throw its own message as soon as the host is built).
        var defaultLevel = configuration["Logging:LogLevel:Default"];
        if (defaultLevel is null || SettingRules.Converts(defaultLevel, typeof(LogLevel))) builder.AddConfiguration(configuration.GetSection("Logging"));
        builder.SetMinimumLevel(Enum.TryParse<LogLevel>(defaultLevel, true, out var level) ? level : LogLevel.Warning);
        Enum.TryParse<ConsoleLogFormat>(configuration["Logging:Console:FormatterName"], true, out var format);
        switch (format)
        {
            case ConsoleLogFormat.Json:
                builder.AddJsonConsole(o => { o.UseUtcTimestamp = true; o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ"; });
                break;
            case ConsoleLogFormat.Systemd:
                builder.AddSystemdConsole();
                break;
            default:
                builder.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
                break;
        }
        return builder;
    }
}
