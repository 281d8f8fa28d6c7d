using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using D365Xero.Errors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace D365Xero.Source.Dataverse;

/// <summary>
/// The connector's Dataverse Web API client: queries with paging, change tracking, write-back and the
/// metadata calls of <c>provision</c> and <c>check</c> (one partial file each). Every request goes
/// through <see cref="DataverseTransport"/>.
/// </summary>
public sealed partial class DataverseClient
{
    // docs/dataverse-rules.md#d-lookup-values; learn.microsoft.com/power-apps/developer/data-platform/webapi/query/select-columns: lookups are read with the annotation that says which table a polymorphic lookup points at.
    internal const string LookupAnnotations = "odata.include-annotations=\"Microsoft.Dynamics.CRM.lookuplogicalname\"";

    // With formatted values too, only when a mapping matches option sets and lookups by their labels (docs/mappings.md).
    internal const string LabelAnnotations = "odata.include-annotations=\"Microsoft.Dynamics.CRM.lookuplogicalname,OData.Community.Display.V1.FormattedValue\"";

    private readonly DataverseOptions _options;
    private readonly Uri _apiRoot;
    private readonly ILogger _logger;

    internal DataverseTransport Transport { get; }

    /// <summary>Requests sent so far, by operation.</summary>
    public DataverseCallCounter Calls { get; }

    /// <summary>Where this client's bearer tokens come from; <c>check</c> asks it directly to prove the sign-in.</summary>
    public IAccessTokenSource Tokens { get; }

    /// <summary>The settings this client was made with (the organisation URL names the connection's Dynamics side).</summary>
    public DataverseOptions Options => _options;

    /// <param name="breaker">This connection's circuit breaker for Dataverse (<see cref="ServiceBreaker"/>); none when null.</param>
    public DataverseClient(HttpClient http, IAccessTokenSource tokens, IOptions<DataverseOptions> options,
        TimeProvider time, DataverseCallCounter? calls = null, ILogger<DataverseClient>? logger = null, ServiceBreaker? breaker = null)
    {
        _options = options.Value;
        if (!Uri.TryCreate(_options.Url, UriKind.Absolute, out _))
            throw new RemoteApiException("Dataverse", ErrorKind.Auth,
                $"Dataverse:Url '{_options.Url}' is not an absolute URL such as https://contoso.crm.dynamics.com (environment variable Dataverse__Url).");
        _apiRoot = _options.ApiRoot;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        Calls = calls ?? new DataverseCallCounter();
        Tokens = tokens;
        Transport = new DataverseTransport(http, tokens, _options, time, Calls, _logger, breaker);
    }

    /// <summary>This connection's circuit breaker for Dataverse: whether it is unavailable, since when, and the next probe.</summary>
    public ServiceBreaker? Breaker => Transport.Breaker;

    private string MaxPageSize => $"odata.maxpagesize={Math.Clamp(_options.PageSize, 1, 5000)}";

    /// <summary>
    /// Every row of a query such as <c>contacts?$select=fullname&amp;$filter=statecode eq 0</c>, page after
    /// page. Each <c>@odata.nextLink</c> is fetched exactly as given, with the same page size (docs/dataverse-rules.md#d-paging; learn.microsoft.com/power-apps/developer/data-platform/webapi/query/page-results).
    /// </summary>
    /// <param name="labels">Also ask for formatted values (option set labels, lookup names), which a mapping matches by.</param>
    public async IAsyncEnumerable<JsonObject> QueryAsync(string entitySetAndQuery,
        [EnumeratorCancellation] CancellationToken cancellationToken = default, bool labels = false)
    {
        Uri? next = Api(entitySetAndQuery);
        while (next is not null)
        {
            var page = await GetJsonAsync(next, DataverseOperation.Query, cancellationToken, MaxPageSize, labels ? LabelAnnotations : LookupAnnotations)
                ?? throw EmptyBody(DataverseOperation.Query);
            foreach (var row in Rows(page)) yield return row;
            next = page["@odata.nextLink"]?.GetValue<string>() is { } link ? ServerLink(link) : null;
        }
    }

    /// <summary>One row by id with the given columns, or null when it does not exist (404).</summary>
    public async Task<JsonObject?> GetAsync(string entitySet, Guid id, string select, CancellationToken cancellationToken = default)
    {
        RequireName(entitySet, nameof(entitySet));
        var request = new DataverseRequest(HttpMethod.Get, Api($"{entitySet}({ODataLiteral.Guid(id)})?$select={ColumnList(select)}"), DataverseOperation.GetRow)
        {
            Prefer = [LookupAnnotations],
            Tolerated = new HashSet<HttpStatusCode> { HttpStatusCode.NotFound },
        };
        using var response = await Transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        return await ReadObjectAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Who the application user is (<c>GET WhoAmI</c>); <c>check</c> uses it to prove the connection.</summary>
    public async Task<WhoAmIResult> WhoAmIAsync(CancellationToken cancellationToken = default)
    {
        var body = await GetJsonAsync(Api("WhoAmI"), DataverseOperation.WhoAmI, cancellationToken)
            ?? throw EmptyBody(DataverseOperation.WhoAmI);
        return new WhoAmIResult(ReadGuid(body, "UserId"), ReadGuid(body, "BusinessUnitId"), ReadGuid(body, "OrganizationId"));
    }

    // ---- shared plumbing for the partial files and WebhookRegistrar ----

    internal Uri Api(string relative)
    {
        if (Uri.TryCreate(relative, UriKind.Absolute, out var absolute) && absolute.Scheme != "file")
            throw new ArgumentException($"Expected a path relative to the Web API root, got '{relative}'.", nameof(relative));
        return new Uri(_apiRoot, relative.TrimStart('/'));
    }

    /// <summary>A nextLink or deltaLink, used unchanged (docs/dataverse-rules.md#d-paging; learn.microsoft.com/power-apps/developer/data-platform/webapi/query/page-results) but only on our own organisation, so the
    /// bearer token is never sent to another host.</summary>
    internal Uri ServerLink(string link)
    {
        var uri = new Uri(link, UriKind.Absolute);
        if (Uri.Compare(uri, _apiRoot, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
            throw new RemoteApiException("Dataverse", ErrorKind.Permanent,
                $"Dataverse returned a link to {uri.GetLeftPart(UriPartial.Authority)}, which is not Dataverse:Url {_options.Url}; refusing to follow it.");
        return uri;
    }

    internal async Task<JsonObject?> GetJsonAsync(Uri uri, string operation, CancellationToken cancellationToken, params string[] prefer)
    {
        var request = new DataverseRequest(HttpMethod.Get, uri, operation) { Prefer = prefer };
        using var response = await Transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return await ReadObjectAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The rows of a small collection (one page; for metadata and registration lookups).</summary>
    internal async Task<IReadOnlyList<JsonObject>> GetRowsAsync(string relative, string operation, CancellationToken cancellationToken, params string[] headers)
    {
        var request = new DataverseRequest(HttpMethod.Get, Api(relative), operation) { Headers = Pairs(headers) };
        using var response = await Transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await ReadObjectAsync(response, cancellationToken).ConfigureAwait(false) ?? throw EmptyBody(operation);
        return Rows(body).ToList();
    }

    /// <summary>POSTs a new row and returns its id, from <c>OData-EntityId</c> (204) or the body (201).</summary>
    internal async Task<Guid> CreateAsync(string relative, JsonObject body, string operation, CancellationToken cancellationToken, string? solutionUniqueName = null)
    {
        var request = new DataverseRequest(HttpMethod.Post, Api(relative), operation)
        {
            Body = body,
            Retry = RetryMode.ThrottleOnly,
            Headers = solutionUniqueName is null ? [] : [new("MSCRM.SolutionUniqueName", solutionUniqueName)],
        };
        using var response = await Transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.Headers.TryGetValues("OData-EntityId", out var values) && IdFromEntityId(values.First()) is { } id) return id;
        throw new RemoteApiException("Dataverse", ErrorKind.Permanent,
            $"Dataverse {request.Describe()} succeeded but did not say the new row's id (no OData-EntityId header).");
    }

    internal static Guid? IdFromEntityId(string entityId)
    {
        var open = entityId.LastIndexOf('(');
        var close = entityId.LastIndexOf(')');
        return open >= 0 && close > open && Guid.TryParse(entityId.AsSpan(open + 1, close - open - 1), out var id) ? id : null;
    }

    internal static async Task<JsonObject?> ReadObjectAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode == HttpStatusCode.NoContent) return null;
        try
        {
            return await DataverseJsonBody.ReadAsync(response.Content, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException)
        {
            throw new RemoteApiException("Dataverse", ErrorKind.Transient, "Dataverse answered with JSON that is not an object.");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new RemoteApiException("Dataverse", ErrorKind.Transient, $"Dataverse answered with a body that is not JSON: {e.Message}", inner: e);
        }
    }

    internal static IEnumerable<JsonObject> Rows(JsonObject page) =>
        page["value"] is JsonArray rows ? rows.OfType<JsonObject>() : [];

    internal static Guid ReadGuid(JsonObject row, string name) =>
        row[name]?.GetValue<string>() is { } s && Guid.TryParse(s, out var id)
            ? id
            : throw new RemoteApiException("Dataverse", ErrorKind.Permanent, $"Dataverse row has no GUID in '{name}'.");

    internal static RemoteApiException EmptyBody(string operation) =>
        new("Dataverse", ErrorKind.Transient, $"Dataverse {operation} answered with an empty body.");

    private static IReadOnlyList<KeyValuePair<string, string>> Pairs(string[] headers) =>
        Enumerable.Range(0, headers.Length / 2).Select(i => new KeyValuePair<string, string>(headers[2 * i], headers[2 * i + 1])).ToList();

    // A lookup is selected by its _x_value name, so a leading underscore is allowed.
    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex NamePattern();

    /// <summary>Table, entity-set and column names go into URLs unquoted, so only plain identifiers pass.</summary>
    internal static string RequireName(string name, string parameter) =>
        name is not null && NamePattern().IsMatch(name) ? name
            : throw new ArgumentException($"'{name}' is not a Dataverse name (letters, digits, underscore).", parameter);

    /// <summary><c>name, telephone1</c> → <c>name,telephone1</c>, refusing anything that is not a column name,
    /// so no query option can ride along inside <c>$select</c>.</summary>
    internal static string ColumnList(string select)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(select);
        return string.Join(',', select.Split(',', StringSplitOptions.TrimEntries).Select(c => RequireName(c, nameof(select))));
    }
}
