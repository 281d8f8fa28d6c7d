namespace D365Xero.Target.Xero.Model;

/// <summary>The <c>pagination</c> object of a paged list response (reference §7.3).</summary>
internal sealed record XeroPagination
{
    public int Page { get; init; }
    public int PageSize { get; init; }
    public int PageCount { get; init; }
    public int ItemCount { get; init; }
}
