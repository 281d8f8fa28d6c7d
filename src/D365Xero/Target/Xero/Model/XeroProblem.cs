namespace D365Xero.Target.Xero.Model;

/// <summary>
/// The problem-details body of a 401 or 403, e.g. <c>{"Title":"Forbidden","Status":403,"Detail":"AuthenticationUnsuccessful"}</c> (docs/xero-rules.md#x-error-problem-details; freakboy3742/pyxero#337).
/// </summary>
internal sealed record XeroProblem
{
    public string? Title { get; init; }
    public int? Status { get; init; }
    public string? Detail { get; init; }
}
