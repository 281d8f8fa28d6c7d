using System.Diagnostics.CodeAnalysis;
using D365Xero.Configuration;
using D365Xero.Hosting.Web;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace D365Xero.Hosting;

/// <summary>
/// Every setting as options, bound and checked when the host starts (ValidateOnStart,
/// https://learn.microsoft.com/dotnet/core/extensions/options#options-validation): a wrong value stops
/// the verb before it does anything, naming the full key.
/// </summary>
public static class ConnectorSettingsServices
{
    public static IServiceCollection AddConnectorSettings(this IServiceCollection services, IConfiguration configuration)
    {
        Add<StoreOptions>(services, configuration, "Store");
        Add<InstanceOptions>(services, configuration, "Instance");
        Add<UrlsOptions>(services, configuration, "");
        Add<WebhookOptions>(services, configuration, "Webhook");
        Add<StatusPageOptions>(services, configuration, "StatusPage");
        Add<ServePollOptions>(services, configuration, "Sync");
        Add<ConsoleLogOptions>(services, configuration, "Logging:Console");
        Add<LogLevelOptions>(services, configuration, "Logging:LogLevel");

        var connections = ConnectionSettings.Find(configuration);
        foreach (var connection in connections)
        {
            // Named options, one per connection (https://learn.microsoft.com/dotnet/core/extensions/options#named-options-support-using-iconfigurenamedoptions).
            services.AddOptions<ConnectionSettings>(connection.Name).Configure(s => connection.BindTo(s, configuration)).ValidateOnStart();
        }
        services.AddSingleton<IValidateOptions<ConnectionSettings>>(new ConnectionSettingsValidator(configuration));
        services.AddSingleton(connections);
        services.AddSingleton(sp => ServeSettings.Create(
            sp.GetRequiredService<IOptions<UrlsOptions>>().Value, sp.GetRequiredService<IOptions<WebhookOptions>>().Value,
            sp.GetRequiredService<IOptions<StatusPageOptions>>().Value, sp.GetRequiredService<IOptions<ServePollOptions>>().Value));
        return services;
    }

    // The options types' constructors and properties are kept in a trimmed or Native AOT build (OptionsFactory creates them, SettingsBinder reads them).
    private static void Add<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor | DynamicallyAccessedMemberTypes.PublicProperties)] T>(IServiceCollection services, IConfiguration configuration, string path) where T : class
    {
        services.AddOptions<T>().Configure(o => SettingsBinder.Bind(configuration, path, o)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>>(new SettingsValidator<T>(configuration, path));
    }
}
