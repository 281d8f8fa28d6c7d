namespace D365Xero.Configuration;

/// <summary>The console log (configuration section <c>Logging:Console</c>; .NET reads its other keys itself).</summary>
public sealed class ConsoleLogOptions
{
    /// <summary>Default <c>simple</c>.</summary>
    public ConsoleLogFormat FormatterName { get; set; } = ConsoleLogFormat.Simple;
}
