using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace D365Xero.Emulators.Xero.Tests.OpenApi;

/// <summary>
/// Stoplight Prism in proxy mode in front of the emulator: it forwards each request and reports how the
/// request departs from the spec in the sl-violations header. A real external process, so its start-up is
/// awaited with a bounded real-time poll (the fake clock has no say over it).
/// </summary>
internal sealed class PrismProxy : IAsyncDisposable
{
    private readonly Process _process;

    private PrismProxy(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<PrismProxy> StartAsync(string spec, Uri upstream)
    {
        var bin = RepositoryPaths.PrismBin();
        if (!File.Exists(bin))
            throw new InvalidOperationException($"Prism is not installed at {bin}. Run `npm ci --prefix tools/prism` from the repository root first.");

        var port = FreePort();
        var start = new ProcessStartInfo(bin)
        {
            ArgumentList = { "proxy", spec, upstream.ToString().TrimEnd('/'), "--errors=false", "-p", port.ToString(), "-h", "127.0.0.1" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var proxy = new PrismProxy(process, new Uri($"http://127.0.0.1:{port}"));
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(300))
        {
            if (process.HasExited) throw new InvalidOperationException($"Prism exited with code {process.ExitCode} before listening.");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return proxy;
            }
            catch (SocketException)
            {
                await Task.Delay(250);
            }
        }
        await proxy.DisposeAsync();
        throw new TimeoutException("Prism did not start listening within 300 seconds.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
