namespace D365Xero.Emulators.Xero.Common;

/// <summary>One message on a rejected element. [SPEC] schema ValidationError.</summary>
public sealed class ValidationError
{
    public string Message { get; set; } = "";
}
