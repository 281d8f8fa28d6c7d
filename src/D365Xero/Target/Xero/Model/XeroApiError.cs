using System.Text.Json;

namespace D365Xero.Target.Xero.Model;

/// <summary>
/// Schema <c>Error</c>, the 400 body: <c>{"ErrorNumber":10,"Type":"ValidationException","Message":…,"Elements":[…]}</c>.
/// Each element echoes the submitted entity with its <c>ValidationErrors</c> (docs/xero-rules.md#x-error-validation-body; developer.xero.com/documentation/api/http-response-codes).
/// </summary>
internal sealed record XeroApiError
{
    public int? ErrorNumber { get; init; }
    public string? Type { get; init; }
    public string? Message { get; init; }
    public IReadOnlyList<JsonElement>? Elements { get; init; }
}
