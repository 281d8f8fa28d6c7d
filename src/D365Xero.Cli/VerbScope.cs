using D365Xero.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace D365Xero.Cli;

/// <summary>What a verb's action is handed: the host's services, its configuration, and the opened runtime.</summary>
public sealed record VerbScope(IServiceProvider Services, IConfigurationRoot Configuration)
{
    public ConnectorRuntime Runtime => Services.GetRequiredService<ConnectorRuntime>();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();
}
