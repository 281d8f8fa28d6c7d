using System.ComponentModel.DataAnnotations;

namespace D365Xero.Configuration;

/// <summary>Not set at all, or text with something besides white space in it: an empty secret or key is a mistake, not "off".</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NonBlankAttribute : ValidationAttribute
{
    public NonBlankAttribute() => ErrorMessage = "text that is not blank, or no setting at all";

    public override bool IsValid(object? value) => value is null || (value is string text && !string.IsNullOrWhiteSpace(text));
}
