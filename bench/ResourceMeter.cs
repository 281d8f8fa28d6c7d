using System.Diagnostics;
using System.Runtime;

namespace D365Xero.Bench;

/// <summary>
/// This process's CPU time and peak working set over one measured stretch. The emulators run in another
/// process, so what is measured here is the connector (plus this harness's few HTTP calls to the control APIs).
/// The working set is sampled every 50 ms, after a full compacting collection returned earlier scenarios' memory.
/// </summary>
public sealed class ResourceMeter : IAsyncDisposable
{
    private readonly Process _self = Process.GetCurrentProcess();
    private readonly CancellationTokenSource _stop = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly TimeSpan _cpuAtStart;
    private readonly Task _sampler;
    private long _peakBytes;

    private ResourceMeter()
    {
        _self.Refresh();
        _cpuAtStart = _self.TotalProcessorTime;
        _peakBytes = _self.WorkingSet64;
        _sampler = SampleAsync();
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
        Sample();
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
