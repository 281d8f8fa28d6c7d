namespace D365Xero.Configuration;

/// <summary>
/// The console log's form (<c>Logging:Console:FormatterName</c>): .NET's three built-in formatters
/// (https://learn.microsoft.com/dotnet/core/extensions/console-log-formatter).
/// </summary>
public enum ConsoleLogFormat
{
    /// <summary>One line per entry (the default).</summary>
    Simple,
    /// <summary>One JSON object a line with UTC timestamps, for journald, Azure Monitor and other collectors.</summary>
    Json,
    /// <summary>journald priority prefixes.</summary>
    Systemd,
}
