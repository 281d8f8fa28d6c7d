using System.Text.Json.Serialization;

namespace D365Xero.Emulators.Xero.Common;

/// <summary>[SPEC] schema Pagination; page is 1-based, pageSize at most 1000, default 100 (docs/xero-rules.md#x-paging; developer.xero.com/documentation/api/requests-and-responses).</summary>
internal sealed record Pagination(
    [property: JsonPropertyName("page")] int Page,
    [property: JsonPropertyName("pageSize")] int PageSize,
    [property: JsonPropertyName("pageCount")] int PageCount,
    [property: JsonPropertyName("itemCount")] int ItemCount)
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;

    /// <summary>Reads page/pageSize; null when the caller did not ask for paging.</summary>
    public static (int Page, int Size)? Requested(HttpRequest request)
    {
        if (!int.TryParse(request.Query["page"], out var page)) return null;
        var size = int.TryParse(request.Query["pageSize"], out var s) ? s : DefaultPageSize;
        return (Math.Max(page, 1), Math.Clamp(size, 1, MaxPageSize));
    }

    public static (List<T> Rows, Pagination Pagination) Slice<T>(IReadOnlyList<T> all, int page, int size)
    {
        var rows = all.Skip((page - 1) * size).Take(size).ToList();
        var pageCount = (all.Count + size - 1) / size;
        return (rows, new Pagination(page, size, pageCount, all.Count));
    }
}
