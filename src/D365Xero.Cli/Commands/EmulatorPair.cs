using D365Xero.Emulators.Dataverse;
using D365Xero.Emulators.Xero;

namespace D365Xero.Cli.Commands;

/// <summary>Both emulators, started together (for `emulate` and `sandbox`), with their sandbox credentials.</summary>
public sealed class EmulatorPair(DataverseEmulator dataverse, XeroEmulator xero) : IAsyncDisposable
{
    public DataverseEmulator Dataverse { get; } = dataverse;
    public XeroEmulator Xero { get; } = xero;

    public static async Task<EmulatorPair> StartAsync(string? seed, string dataverseUrl, string xeroUrl, CancellationToken ct)
    {
        PortCheck.ThrowIfTaken(dataverseUrl, "--dataverse-url");
        PortCheck.ThrowIfTaken(xeroUrl, "--xero-url");
        var dataverse = await DataverseEmulator.StartAsync(new DataverseEmulatorOptions { Url = dataverseUrl, Seed = seed }, ct: ct);
        var xero = await XeroEmulator.StartAsync(new XeroEmulatorOptions { Url = xeroUrl, Seed = seed is null ? null : "demo" }, ct: ct);
        return new EmulatorPair(dataverse, xero);
    }

    /// <summary>The settings that point the connector at emulators listening on these addresses.</summary>
    public static IDictionary<string, string?> ConnectorSettings(string dataverseUrl, string xeroUrl) => new Dictionary<string, string?>
    {
        ["Dataverse:Url"] = dataverseUrl.TrimEnd('/'),
        ["Dataverse:AuthorityUrl"] = dataverseUrl.TrimEnd('/'),
        ["Dataverse:TenantId"] = "sandbox",
        ["Dataverse:ClientId"] = "sandbox",
        ["Dataverse:ClientSecret"] = "sandbox",
        ["Xero:ApiUrl"] = xeroUrl.TrimEnd('/'),
        ["Xero:IdentityUrl"] = xeroUrl.TrimEnd('/'),
        ["Xero:ClientId"] = "sandbox",
        ["Xero:ClientSecret"] = "sandbox",
    };

    /// <summary>Null when the seed is one the emulators take ('demo' or a number of accounts); else the line that says what is.</summary>
    public static string? SeedProblem(string? seed) =>
        seed is null or "demo" || int.TryParse(seed, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0
            ? null
            : $"--seed '{seed}' is neither 'demo' nor a number of accounts (e.g. --seed 500).";

    public void Describe(TextWriter output)
    {
        output.WriteLine($"Dataverse emulator: {Dataverse.Url}");
        output.WriteLine($"  Web API:   {Dataverse.Url}api/data/v9.2/");
        output.WriteLine($"  Token:     {Dataverse.Url}sandbox/oauth2/v2.0/token  (tenant sandbox, client id sandbox, secret sandbox)");
        output.WriteLine($"Xero emulator:      {Xero.Url}");
        output.WriteLine($"  API:       {Xero.Url}api.xro/2.0/  (xero-tenant-id {Xero.TenantId})");
        output.WriteLine($"  Token:     {Xero.Url}connect/token  (client id sandbox, secret sandbox; client_credentials)");
        output.WriteLine("Point the connector at them (environment variables; both emulators' control APIs are in docs/emulators.md):");
        var settings = ConnectorSettings(Dataverse.Url.ToString(), Xero.Url.ToString());
        output.WriteLine("  export " + string.Join(" ", settings.Select(kv => $"{kv.Key.Replace(":", "__", StringComparison.Ordinal)}={kv.Value}")));
    }

    public async ValueTask DisposeAsync()
    {
        await Xero.DisposeAsync();
        await Dataverse.DisposeAsync();
    }
}
