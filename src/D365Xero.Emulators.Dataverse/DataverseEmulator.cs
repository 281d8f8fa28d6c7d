using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace D365Xero.Emulators.Dataverse;

/// <summary>
/// A local stand-in for a Dataverse environment, driven only over HTTP: the Entra token endpoint at
/// <c>{Url}/{tenant}/oauth2/v2.0/token</c>, the Web API at <c>{Url}/api/data/v9.2/</c>, and a control API at
/// <c>{Url}/_emulator/</c>.
/// </summary>
public sealed class DataverseEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly EmulatorContext _context;

    private DataverseEmulator(WebApplication app, EmulatorContext context)
    {
        _app = app;
        _context = context;
        Url = context.Url;
    }

    /// <summary>The bound address: both the organisation URL and the Entra authority.</summary>
    public Uri Url { get; }

    public static async Task<DataverseEmulator> StartAsync(DataverseEmulatorOptions options, TimeProvider? time = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        time ??= TimeProvider.System;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls(options.Url);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = 64 * 1024 * 1024;
            // Kestrel's own request line limit is 8 KB; the Web API takes URLs up to 32 KB, and WebApiEndpoint answers 414 beyond
            // that (docs/dataverse-rules.md#d-url-length). Room for the method and the protocol besides.
            k.Limits.MaxRequestLineSize = WebApiEndpoint.MaxUrlLength + 1024;
        });
        var app = builder.Build();

        EmulatorContext? context = null;
        EmulatorContext Context() => context ?? throw new InvalidOperationException("The emulator is still starting.");
        WebApiEndpoint? endpoint = null;

        app.MapPost("/{tenant}/oauth2/v2.0/token", (string tenant, HttpRequest request) => TokenEndpoint.HandleAsync(Context(), tenant, request));
        app.Map("/api/data/{version}/{**path}", (HttpContext http, string? path) => endpoint!.HandleAsync(http, path));
        ControlEndpoints.Map(app, Context, () => Reset(Context()));

        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        context = new EmulatorContext(options, time, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)));
        endpoint = new WebApiEndpoint(context);
        Reset(context);
        return new DataverseEmulator(app, context);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _context.Webhooks.DisposeAsync();
    }

    /// <summary>Back to the configured seed: rows, custom columns and change-tracking settings.</summary>
    private static void Reset(EmulatorContext context)
    {
        lock (context.Store.Gate)
        {
            context.Store.ResetSchema();
            new DemoSeeder(context).Seed(context.Options.Seed);
        }
    }
}
