using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace D365Xero.Tests.Source.Dataverse.Fakes;

/// <summary>
/// Just enough of Dataverse's registration tables (serviceendpoints, sdkmessages, sdkmessagefilters,
/// sdkmessageprocessingsteps and their images) to tell a create from an update across two runs.
/// </summary>
internal sealed partial class FakeRegistrationStore
{
    public Dictionary<Guid, JsonObject> Endpoints { get; } = [];
    public Dictionary<Guid, JsonObject> Steps { get; } = [];
    public Dictionary<Guid, JsonObject> Images { get; } = [];

    public static Guid MessageId(string message) => Deterministic("message:" + message);
    public static Guid FilterId(string table, string message) => Deterministic($"filter:{table}:{message}");

    public HttpResponseMessage Handle(RecordedRequest r)
    {
        var path = r.Relative;
        var filter = path.Contains("$filter=") ? path[(path.IndexOf("$filter=", StringComparison.Ordinal) + 8)..] : "";
        return (r.Method.Method, path) switch
        {
            ("GET", _) when path.StartsWith("serviceendpoints?") => Rows(Endpoints
                .Where(e => filter.Contains($"name eq {Quote(e.Value["name"]!.GetValue<string>())}", StringComparison.Ordinal))
                .Select(e => new JsonObject { ["serviceendpointid"] = e.Key.ToString(), ["name"] = e.Value["name"]!.GetValue<string>() })),
            ("GET", _) when path.Contains("/serviceendpoint_sdkmessageprocessingstep") => Rows(Steps
                .Where(s => path.Contains(Bound(s.Value, "eventhandler_serviceendpoint")!.Value.ToString()))
                .Select(s => new JsonObject
                {
                    ["sdkmessageprocessingstepid"] = s.Key.ToString(),
                    ["name"] = s.Value["name"]!.GetValue<string>(),
                    ["_sdkmessagefilterid_value"] = Bound(s.Value, "sdkmessagefilterid")!.Value.ToString(),
                })),
            ("GET", _) when path.StartsWith("sdkmessages?") =>
                Rows([new JsonObject { ["sdkmessageid"] = MessageId(Literals(filter)[0]).ToString() }]),
            ("GET", _) when path.StartsWith("sdkmessagefilters?") =>
                Rows([new JsonObject { ["sdkmessagefilterid"] = FilterId(Literals(filter)[0], Literals(filter)[1]).ToString() }]),
            ("GET", _) when path.StartsWith("sdkmessageprocessingstepimages?") => Rows(Images
                .Where(i => filter.Contains(Bound(i.Value, "sdkmessageprocessingstepid")!.Value.ToString()))
                .Select(i => new JsonObject { ["sdkmessageprocessingstepimageid"] = i.Key.ToString() })),
            ("POST", "serviceendpoints") => Insert(Endpoints, "serviceendpoints", r.Json),
            ("POST", "sdkmessageprocessingsteps") => Insert(Steps, "sdkmessageprocessingsteps", r.Json),
            ("POST", "sdkmessageprocessingstepimages") => Insert(Images, "sdkmessageprocessingstepimages", r.Json),
            ("PATCH", _) => Update(path, r.Json),
            _ => throw new InvalidOperationException($"Unexpected {r.Method} {path}"),
        };
    }

    private HttpResponseMessage Update(string path, JsonObject changes)
    {
        var table = path[..path.IndexOf('(')] switch
        {
            "serviceendpoints" => Endpoints,
            "sdkmessageprocessingsteps" => Steps,
            "sdkmessageprocessingstepimages" => Images,
            var other => throw new InvalidOperationException(other),
        };
        var id = Guid.Parse(path[(path.IndexOf('(') + 1)..path.IndexOf(')')]);
        if (!table.TryGetValue(id, out var row)) return FakeDataverse.Response(HttpStatusCode.NotFound, Samples.Read("error-404-patch-if-match-star-not-found.json"));
        foreach (var (name, value) in changes) row[name] = value?.DeepClone();
        return FakeDataverse.Response(HttpStatusCode.NoContent);
    }

    private static HttpResponseMessage Insert(Dictionary<Guid, JsonObject> table, string entitySet, JsonObject row)
    {
        var id = Guid.NewGuid();
        table[id] = row;
        return FakeDataverse.Created(entitySet, id);
    }

    private static HttpResponseMessage Rows(IEnumerable<JsonObject> rows) =>
        FakeDataverse.Response(HttpStatusCode.OK, new JsonObject { ["value"] = new JsonArray(rows.ToArray<JsonNode?>()) }.ToJsonString());

    public static Guid? Bound(JsonObject row, string navigation) =>
        row[navigation + "@odata.bind"]?.GetValue<string>() is { } bind ? Guid.Parse(bind[(bind.IndexOf('(') + 1)..bind.IndexOf(')')]) : null;

    private static string Quote(string s) => "'" + s.Replace("'", "''") + "'";

    private static List<string> Literals(string filter) =>
        LiteralPattern().Matches(filter).Select(m => m.Groups[1].Value.Replace("''", "'")).ToList();

    [GeneratedRegex("'((?:[^']|'')*)'")]
    private static partial Regex LiteralPattern();

    private static Guid Deterministic(string key) => new(MD5.HashData(Encoding.UTF8.GetBytes(key)));
}
