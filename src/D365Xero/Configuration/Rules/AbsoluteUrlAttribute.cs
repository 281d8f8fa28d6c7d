using System.ComponentModel.DataAnnotations;

namespace D365Xero.Configuration;

/// <summary>An absolute http:// or https:// address (a string or a <see cref="Uri"/>); null passes (use <see cref="RequiredAttribute"/>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AbsoluteUrlAttribute : ValidationAttribute
{
    public AbsoluteUrlAttribute() => ErrorMessage = "an absolute http:// or https:// URL";

    public override bool IsValid(object? value) => value switch
    {
        null => true,
        Uri uri => IsHttp(uri),
        string text => Uri.TryCreate(text, UriKind.Absolute, out var uri) && IsHttp(uri),
        _ => false,
    };

    private static bool IsHttp(Uri uri) => uri.IsAbsoluteUri && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
