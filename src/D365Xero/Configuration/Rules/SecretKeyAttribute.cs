using System.ComponentModel.DataAnnotations;

namespace D365Xero.Configuration;

/// <summary>An AES-256 key: 32 bytes in base64 (<c>openssl rand -base64 32</c>); null passes.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SecretKeyAttribute : ValidationAttribute
{
    public SecretKeyAttribute() => ErrorMessage = "32 random bytes in base64 (openssl rand -base64 32)";

    public override bool IsValid(object? value)
    {
        if (value is null) return true;
        var bytes = new byte[48];
        return value is string text && Convert.TryFromBase64String(text.Trim(), bytes, out var length) && length == 32;
    }
}
