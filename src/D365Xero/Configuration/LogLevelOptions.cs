using Microsoft.Extensions.Logging;

namespace D365Xero.Configuration;

/// <summary>The default log level (<c>Logging:LogLevel:Default</c>); .NET reads the per-category levels itself.</summary>
public sealed class LogLevelOptions
{
    /// <summary>Default <c>Warning</c>.</summary>
    public LogLevel Default { get; set; } = LogLevel.Warning;
}
