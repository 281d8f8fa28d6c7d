namespace D365Xero.Target.Xero.Model;

/// <summary>The <c>pagination</c> object of a paged list response (docs/xero-rules.md#x-paging; developer.xero.com/documentation/api/requests-and-responses).</summary>
internal sealed record XeroPagination
{
    public int Page { get; init; }
    public int PageSize { get; init; }
    public int PageCount { get; init; }
    public int ItemCount { get; init; }
}
