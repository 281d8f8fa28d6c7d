using System.CommandLine;
using D365Xero.Configuration;
using D365Xero.Hosting;
using D365Xero.Journal;
using D365Xero.Target.Xero.Model;
using Microsoft.Extensions.Options;

namespace D365Xero.Cli.Commands;

/// <summary>`connect`: a standard Xero app's one-time consent; stores the grant (encrypted) for the connection.</summary>
public static class ConnectCommand
{
    public static readonly Option<string?> Tenant = new("--tenant") { Description = "The Xero organisation to connect (tenant id or exact name), when the consent reaches several." };

    public static readonly Option<string?> ConnectionName = new("--connection") { Description = "Which configured connection the grant is for (Connections__N__Name); default: the only one." };

    public static readonly Option<int> Port = new("--port")
    {
        Description = "Loopback port of the redirect http://localhost:PORT/callback, which must be registered in the Xero app.",
        DefaultValueFactory = _ => ConsentRequest.DefaultRedirectPort,
    };

    public static Command Create()
    {
        var command = new Command("connect",
            "Authorise a standard Xero app once (OAuth 2.0 authorization code): prints a URL to open, waits for Xero's redirect, lets you pick the organisation, and stores the refresh token encrypted with Store__SecretKey. Not needed for a Custom Connection.")
        {
            Tenant, ConnectionName, Port,
        };
        command.SetAction((parse, ct) => CommandHost.RunAsync(parse, ct, async (host, ct) =>
        {
            var connections = host.Get<IReadOnlyList<ConnectionSection>>();
            var wanted = parse.GetValue(ConnectionName);
            var chosen = wanted is null
                ? connections.Count == 1 ? connections[0] : null
                : connections.FirstOrDefault(c => c.Name == wanted);
            if (chosen is null)
            {
                Console.Error.WriteLine($"Pass --connection with one of: {string.Join(", ", connections.Select(c => c.Name))}.");
                return 1;
            }

            var settings = host.Get<IOptionsMonitor<ConnectionSettings>>().Get(chosen.Name);
            var storeOptions = host.Get<IOptions<StoreOptions>>().Value;
            var store = await SyncStoreFactory.OpenAsync(storeOptions, TimeProvider.System, ct);
            var grants = new StoredXeroGrants(store, SecretCipher.FromKey(storeOptions.SecretKey));
            var http = host.Get<IHttpClientFactory>().CreateClient(ConnectorHttpClients.Xero);
            http.Timeout = TimeSpan.FromMinutes(2);
            try
            {
                var result = await new XeroConsent(http, settings.Xero, grants, TimeProvider.System).RunAsync(new ConsentRequest
                {
                    ConnectionName = settings.Name,
                    RedirectPort = parse.GetValue(Port),
                    Tenant = parse.GetValue(Tenant),
                    ShowAuthorizeUrl = url =>
                    {
                        Console.WriteLine("Open this address in a browser, sign in to Xero and allow access:");
                        Console.WriteLine();
                        // AbsoluteUri keeps the escaping: Uri.ToString() would print the scope's spaces raw, and a
                        // copied or clicked address would end at the first one.
                        Console.WriteLine($"  {url.AbsoluteUri}");
                        Console.WriteLine();
                        Console.WriteLine("Waiting for Xero to send the browser back (5 minutes)...");
                    },
                    ChooseTenant = Console.IsInputRedirected ? null : AskForOrganisation,
                }, ct);
                Console.WriteLine($"Connected '{result.ConnectionName}' to Xero organisation {result.TenantName} ({result.TenantId}) with scopes {result.GrantedScopes}.");
                Console.WriteLine("The grant is stored encrypted; `sync`, `backfill` and `serve` now use it and keep it fresh.");
                return 0;
            }
            catch (XeroConsentException e)
            {
                Console.Error.WriteLine(e.Message);
                return 1;
            }
        }, open: false));
        return command;
    }

    private static XeroConnection? AskForOrganisation(IReadOnlyList<XeroConnection> organisations)
    {
        Console.WriteLine("The consent reaches several organisations:");
        for (var i = 0; i < organisations.Count; i++) Console.WriteLine($"  {i + 1}. {organisations[i].TenantName} ({organisations[i].TenantId})");
        Console.Write($"Which one [1-{organisations.Count}]? ");
        return int.TryParse(Console.ReadLine(), out var n) && n >= 1 && n <= organisations.Count ? organisations[n - 1] : null;
    }
}
