namespace D365Xero.Emulators.Xero.Common;

/// <summary>Xero's error bodies. Rule: [SPEC] schema Error; docs/xero-rules.md#x-error-validation-body; developer.xero.com/documentation/api/http-response-codes.</summary>
internal static class XeroErrors
{
    public static object Validation(IEnumerable<object> elements) => new Dictionary<string, object?>
    {
        ["ErrorNumber"] = 10,
        ["Type"] = "ValidationException",
        ["Message"] = "A validation exception occurred",
        ["Elements"] = elements.ToList(),
    };

    /// <summary>A validation failure that is about the request, not an element (e.g. a reused Idempotency-Key).</summary>
    public static object ValidationMessage(string message) => new Dictionary<string, object?>
    {
        ["ErrorNumber"] = 10,
        ["Type"] = "ValidationException",
        ["Message"] = message,
    };

    // Rule: [issues] QueryParseException, ErrorNumber 16, for a `where` Xero cannot parse (XeroAPI/Xero-Java#347); docs/xero-rules.md#x-error-validation-body.
    public static object QueryParse(string message) => new Dictionary<string, object?>
    {
        ["ErrorNumber"] = 16,
        ["Type"] = "QueryParseException",
        ["Message"] = message,
    };

    // Rule: [issues] NoDataProcessedException, ErrorNumber 17, for a body without the expected wrapper (XeroAPI/xero-php-oauth2#48); docs/xero-rules.md#x-error-validation-body.
    public static object NoData(string entity) => new Dictionary<string, object?>
    {
        ["ErrorNumber"] = 17,
        ["Type"] = "NoDataProcessedException",
        ["Message"] = $"No data has been processed for this endpoint. This endpoint is expecting {entity} data to be specifed in the request body.",
    };

    // Rule: 401/403 are problem-details JSON (pyxero PR #337; dcblogdev/laravel-xero#40); docs/xero-rules.md#x-error-problem-details.
    public static object Problem(int status, string title, string detail) => new Dictionary<string, object?>
    {
        ["Type"] = null,
        ["Title"] = title,
        ["Status"] = status,
        ["Detail"] = detail,
        ["Instance"] = Guid.NewGuid().ToString(),
        ["Extensions"] = new Dictionary<string, object?>(),
    };
}
