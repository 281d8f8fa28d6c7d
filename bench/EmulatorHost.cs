using D365Xero.Emulators.Dataverse;
using D365Xero.Emulators.Xero;

namespace D365Xero.Bench;

/// <summary>
/// The child side of <see cref="EmulatorProcess"/>: both emulators on free loopback ports, Xero's minute
/// compressed to the window it is given (normally <see cref="EmulatorProcess.MinuteWindow"/>); prints one line with the two URLs, then runs
/// until its standard input closes (the parent exited or disposed it).
/// </summary>
public static class EmulatorHost
{
    public static async Task<int> RunAsync(string seed, int dayLimit, TimeSpan minuteWindow)
    {
        // Dataverse's service-protection window (6,000 requests per 5 minutes) is compressed by the same factor
        // as Xero's minute, so the two services keep their real ratio: at a 1 s minute (60× faster), 6,000 per 5 s.
        await using var dataverse = await DataverseEmulator.StartAsync(new DataverseEmulatorOptions
        {
            Url = "http://127.0.0.1:0",
            Seed = seed == "none" ? null : seed,
            ThrottleWindow = TimeSpan.FromMinutes(5) * (minuteWindow / TimeSpan.FromMinutes(1)),
        });
        await using var xero = await XeroEmulator.StartAsync(new XeroEmulatorOptions
        {
            Url = "http://127.0.0.1:0",
            MinuteWindow = minuteWindow,
            MinuteLimit = EmulatorProcess.MinuteLimit,
            DayLimit = dayLimit,
        });
        Console.WriteLine($"{EmulatorProcess.ReadyPrefix} {dataverse.Url} {xero.Url}");
        await Console.In.ReadToEndAsync();
        return 0;
    }
}
