using D365Xero.Emulators.Xero.Gate;
using D365Xero.Emulators.Xero.Identity;
using D365Xero.Emulators.Xero.Organisation;
using D365Xero.Emulators.Xero.Webhooks;

namespace D365Xero.Emulators.Xero.Control;

/// <summary>The parts of the emulator the control API reaches into.</summary>
internal sealed class ControlSurface
{
    public required XeroOrganisation Organisation { get; init; }
    public required TokenService Tokens { get; init; }
    public required RateLimiter Limiter { get; init; }
    public required FaultInjector Faults { get; init; }
    public required IdempotencyStore Idempotency { get; init; }
    public required CallStats Stats { get; init; }
    public required RequestJournal Journal { get; init; }
    public required TimeProvider Time { get; init; }
    public required WebhookDispatcher Webhooks { get; init; }
    public required string? Seed { get; init; }
    public required RateLimitSettings CurrentLimits { get; set; }
}
