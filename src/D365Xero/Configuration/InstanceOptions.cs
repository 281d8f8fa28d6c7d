using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace D365Xero.Configuration;

/// <summary>
/// This running instance of the connector (configuration section <c>Instance</c>). Several instances
/// sharing one store (PostgreSQL) divide the connections between them by lease; see README, "Several instances".
/// </summary>
public sealed class InstanceOptions
{
    /// <summary>
    /// Names the instance in the store and in `status`. Default <c>{machine}:{pid}:{8 hex}</c>, new on
    /// every start. A fixed id lets a restarted instance take its connections back at once instead of
    /// waiting for its old leases to run out; never give two live instances the same id.
    /// </summary>
    [Required]
    public string Id { get; set; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}"[..^24];

    /// <summary>
    /// How long a connection's lease lasts unless renewed (every third of it). An instance that dies or is
    /// cut off loses its connections after at most this long, and another takes them over. Default 30 s (3 s to 10 min).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:03", "00:10:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often leases are renewed and free ones looked for: a third of <see cref="LeaseDuration"/>.</summary>
    public TimeSpan RenewEvery => LeaseDuration / 3;

    /// <summary>The <c>Instance</c> section, bound and checked.</summary>
    public static InstanceOptions Load(IConfiguration configuration) => SettingsBinder.Load<InstanceOptions>(configuration, "Instance");
}
