using D365Xero.Source.Dataverse;
using Microsoft.Extensions.Options;

namespace D365Xero.Tests.Source.Dataverse.Fakes;

/// <summary>A client wired to the fake Dataverse, the real token source and the observed fake clock.</summary>
internal sealed class DataverseHarness
{
    public const string Secret = "s3cr&t-value";

    public FakeDataverse Fake { get; } = new();
    public ObservedClock Clock { get; } = new();
    public DataverseOptions Options { get; } = new()
    {
        Url = FakeDataverse.OrgUrl,
        TenantId = "tenant-1",
        ClientId = "client-1",
        ClientSecret = Secret,
    };
    public EntraTokenSource Tokens { get; }
    public DataverseClient Client { get; }

    public DataverseHarness(Action<DataverseOptions>? configure = null)
    {
        configure?.Invoke(Options);
        var http = new HttpClient(Fake);
        var options = Microsoft.Extensions.Options.Options.Create(Options);
        Tokens = new EntraTokenSource(http, options, Clock);
        Client = new DataverseClient(http, Tokens, options, Clock);
    }
}

internal static class AsyncEnumerableTestExtensions
{
    public static async Task<List<T>> CollectAsync<T>(this IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source) list.Add(item);
        return list;
    }
}
