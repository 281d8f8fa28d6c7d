namespace D365Xero.Target.Xero.Model;

/// <summary>Schema <c>ValidationError</c>: one reason Xero refused an element.</summary>
public sealed record XeroValidationError
{
    public string? Message { get; init; }
}
