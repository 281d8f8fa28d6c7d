using System.ComponentModel.DataAnnotations;

namespace D365Xero.Configuration;

/// <summary>A GUID, as Xero's tenant ids are (https://developer.xero.com/documentation/guides/oauth2/tenants); null passes.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class GuidTextAttribute : ValidationAttribute
{
    public GuidTextAttribute() => ErrorMessage = "a GUID such as 6f1c9a4e-2b7d-4e3a-9c5f-8d1e0a2b3c4d";

    public override bool IsValid(object? value) => value is null || (value is string text && Guid.TryParse(text, out _));
}
