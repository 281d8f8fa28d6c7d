namespace D365Xero.Target.Xero.Model;

/// <summary>Schema <c>Currency</c>: a currency the organisation has enabled.</summary>
public sealed record XeroCurrency
{
    public string? Code { get; init; }
    public string? Description { get; init; }
}
