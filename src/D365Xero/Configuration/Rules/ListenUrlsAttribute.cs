using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace D365Xero.Configuration;

/// <summary>
/// ASP.NET Core's <c>Urls</c>: one or more <c>scheme://host:port</c> separated by <c>;</c>, where host
/// may be <c>*</c> or <c>+</c> (https://learn.microsoft.com/aspnet/core/fundamentals/servers/kestrel/endpoints).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed partial class ListenUrlsAttribute : ValidationAttribute
{
    public ListenUrlsAttribute() => ErrorMessage = "http:// or https:// addresses separated by ';', such as http://127.0.0.1:5570";

    public override bool IsValid(object? value) =>
        value is string text && text.Split(';', StringSplitOptions.TrimEntries).All(u => Address().IsMatch(u));

    [GeneratedRegex(@"^https?://(\*|\+|\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?/?$")]
    private static partial Regex Address();
}
