using System.Diagnostics;
using System.Runtime;

namespace D365Xero.Bench;

/// <summary>
/// This process's CPU time and peak resident memory over one measured stretch. The emulators run in another
/// process, so what is measured here is the connector (plus this harness's few HTTP calls to the control APIs).
/// The peak is the kernel's own high-water mark (VmHWM in /proc/self/status), reset at the start by writing 5
/// to /proc/self/clear_refs (Linux 4.0+, proc(5)), after a full compacting collection returned earlier
/// scenarios' memory: exact, and nothing polls while the connector works. Where that reset is not available
/// the working set is sampled every 50 ms instead.
/// </summary>
public sealed class ResourceMeter : IAsyncDisposable
{
    private readonly Process _self = Process.GetCurrentProcess();
    private readonly CancellationTokenSource _stop = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly TimeSpan _cpuAtStart;
    private readonly TimeSpan _gcPauseAtStart = GC.GetTotalPauseDuration();
    private readonly TimeSpan _jitAtStart = System.Runtime.JitInfo.GetCompilationTime();
    private readonly long _jittedAtStart = System.Runtime.JitInfo.GetCompiledMethodCount();
    private readonly bool _kernelPeak;
    private readonly Task _sampler = Task.CompletedTask;
    private long _peakBytes;

    private ResourceMeter()
    {
        _kernelPeak = TryResetKernelPeak();
        _self.Refresh();
        _cpuAtStart = _self.TotalProcessorTime;
        _peakBytes = _self.WorkingSet64;
        if (!_kernelPeak) _sampler = SampleAsync();
    }

    public static ResourceMeter Start()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return new ResourceMeter();
    }

    public TimeSpan Elapsed => _clock.Elapsed;

    public TimeSpan Cpu
    {
        get
        {
            _self.Refresh();
            return _self.TotalProcessorTime - _cpuAtStart;
        }
    }

    public double PeakMemoryMb => Interlocked.Read(ref _peakBytes) / (1024.0 * 1024.0);

    /// <summary>The peak beside what the GC had committed and held at the end, and how often it collected.</summary>
    public string GcSummary { get; private set; } = "";

    private static bool TryResetKernelPeak()
    {
        try
        {
            if (!OperatingSystem.IsLinux()) return false;
            File.WriteAllText("/proc/self/clear_refs", "5");
            return KernelPeakBytes() is not null;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>VmHWM, the peak resident set size since the last reset, in bytes.</summary>
    private static long? KernelPeakBytes()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (!line.StartsWith("VmHWM:", StringComparison.Ordinal)) continue;
            var kb = line["VmHWM:".Length..].Trim().Split(' ')[0];
            return long.Parse(kb, System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
        return null;
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token)) Sample();
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private void Sample()
    {
        _self.Refresh();
        var now = _self.WorkingSet64;
        if (now > Interlocked.Read(ref _peakBytes)) Interlocked.Exchange(ref _peakBytes, now);
    }

    /// <summary>Stops the clock and the sampler; the figures stay readable.</summary>
    public async Task StopAsync()
    {
        _clock.Stop();
        if (_kernelPeak && KernelPeakBytes() is { } peak) Interlocked.Exchange(ref _peakBytes, peak);
        else Sample();
        var gc = GC.GetGCMemoryInfo();
        GcSummary = $"peak RSS {PeakMemoryMb:F0} MB; GC at the end: {gc.TotalCommittedBytes / 1048576.0:F0} MB committed, "
            + $"{gc.HeapSizeBytes / 1048576.0:F0} MB heap, {gc.FragmentedBytes / 1048576.0:F0} MB fragmented; "
            + $"collections gen0 {GC.CollectionCount(0)}, gen1 {GC.CollectionCount(1)}, gen2 {GC.CollectionCount(2)}; "
            // Where CPU goes besides the connector's own code: the runtime's own clocks over the stretch (JitInfo, GC.GetTotalPauseDuration).
            + $"GC pauses {(GC.GetTotalPauseDuration() - _gcPauseAtStart).TotalSeconds:F2} s, JIT {(System.Runtime.JitInfo.GetCompilationTime() - _jitAtStart).TotalSeconds:F2} s "
            + $"compiling {System.Runtime.JitInfo.GetCompiledMethodCount() - _jittedAtStart:N0} methods";
        await _stop.CancelAsync();
        await _sampler;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested) await StopAsync();
        _stop.Dispose();
        _self.Dispose();
    }
}
