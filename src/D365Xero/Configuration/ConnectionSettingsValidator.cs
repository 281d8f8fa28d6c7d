using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace D365Xero.Configuration;

/// <summary>Checks each named connection's settings at start (ValidateOnStart), naming full keys such as <c>Connections:0:Sync:AuthoriseWhen</c>.</summary>
public sealed class ConnectionSettingsValidator(IConfiguration configuration) : IValidateOptions<ConnectionSettings>
{
    public ValidateOptionsResult Validate(string? name, ConnectionSettings options)
    {
        var problems = options.Problems(configuration).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
