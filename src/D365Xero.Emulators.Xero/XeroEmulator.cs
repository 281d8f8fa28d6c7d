using System.Net;
using D365Xero.Emulators.Xero.Contacts;
using D365Xero.Emulators.Xero.Control;
using D365Xero.Emulators.Xero.CreditNotes;
using D365Xero.Emulators.Xero.Gate;
using D365Xero.Emulators.Xero.Identity;
using D365Xero.Emulators.Xero.Invoices;
using D365Xero.Emulators.Xero.Items;
using D365Xero.Emulators.Xero.Organisation;
using D365Xero.Emulators.Xero.Payments;
using D365Xero.Emulators.Xero.Webhooks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

namespace D365Xero.Emulators.Xero;

/// <summary>
/// A local Xero (identity + Accounting API + a small control API) on loopback, for tests, the sandbox and
/// benchmarks. One app, one organisation, state in memory; time comes from the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class XeroEmulator : IAsyncDisposable
{
    /// <summary>The organisation's xero-tenant-id; fixed so configurations can name it.</summary>
    public static readonly Guid FixedTenantId = Guid.Parse("6f1c9a4e-2b7d-4e3a-9c5f-8d1e0a2b3c4d");

    private readonly WebApplication _app;
    private readonly WebhookDispatcher _webhooks;

    private XeroEmulator(WebApplication app, WebhookDispatcher webhooks, Uri url)
    {
        _app = app;
        _webhooks = webhooks;
        Url = url;
    }

    /// <summary>The bound address, e.g. http://127.0.0.1:41234.</summary>
    public Uri Url { get; }

    /// <summary>The one organisation's xero-tenant-id.</summary>
    public string TenantId => FixedTenantId.ToString();

    public static async Task<XeroEmulator> StartAsync(XeroEmulatorOptions options, TimeProvider? time = null, CancellationToken ct = default)
    {
        time ??= TimeProvider.System;
        var requested = new Uri(options.Url);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // Loopback only, whatever host the URL names: the emulator is never a network service.
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, requested.Port));
        var app = builder.Build();

        var connectedAt = time.GetUtcNow();
        var org = new XeroOrganisation(FixedTenantId);
        org.Reset(options.Seed, connectedAt);
        if (options.WebhookBatchWindow < TimeSpan.Zero)
            throw new ArgumentException($"WebhookBatchWindow must be 0 or more, not {options.WebhookBatchWindow}.", nameof(options));
        var webhooks = new WebhookDispatcher(time, FixedTenantId, options.WebhookBatchWindow);
        if (options.WebhookUrl is not null || options.WebhookKey is not null)
        {
            var (subscription, problem) = WebhookSubscription.Create(options.WebhookUrl, options.WebhookKey, options.WebhookCategories?.Split(','));
            webhooks.Subscribe(subscription ?? throw new ArgumentException($"Webhook: {problem}", nameof(options)));
        }
        org.Changes.Listener = webhooks.OnChange;
        var limits = new RateLimitSettings(options.ConcurrentLimit, options.MinuteLimit, options.MinuteWindow, options.DayLimit);
        var surface = new ControlSurface
        {
            Organisation = org,
            Tokens = new TokenService(time, options.ClientId, options.CustomConnectionScopes),
            Limiter = new RateLimiter(time, limits),
            Faults = new FaultInjector(time, options.FaultSeed),
            Idempotency = new IdempotencyStore(time),
            Stats = new CallStats(),
            Journal = new RequestJournal(),
            Time = time,
            Webhooks = webhooks,
            Seed = options.Seed,
            CurrentLimits = limits,
        };
        var gate = new ApiGate(surface.Tokens, surface.Limiter, surface.Faults, surface.Idempotency, surface.Stats, surface.Journal, time, FixedTenantId);
        app.Use((ctx, next) => gate.InvokeAsync(ctx, next));

        app.MapIdentity(options, surface.Tokens);
        app.MapConnections(FixedTenantId, connectedAt);
        app.MapOrganisationSettings(org, time, connectedAt);
        app.MapContacts(org, time);
        app.MapContactGroups(org, time);
        app.MapItems(org, time);
        app.MapInvoices(org, time);
        app.MapCreditNotes(org, time);
        app.MapPayments(org, time);
        app.MapControl(surface);
        app.MapAccountant(surface);
        app.MapWebhookControl(webhooks);

        await app.StartAsync(ct);
        var bound = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var url = new Uri(bound.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        webhooks.ApiBase = url;
        return new XeroEmulator(app, webhooks, url);
    }

    public async ValueTask DisposeAsync()
    {
        await _webhooks.DisposeAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
