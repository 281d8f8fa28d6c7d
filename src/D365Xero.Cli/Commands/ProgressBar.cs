using D365Xero.Hosting;

namespace D365Xero.Cli.Commands;

/// <summary>
/// A back-fill's progress, read from the store twice a second: rows settled out of rows seen.
/// Redrawn in place on a terminal; a plain line every ten seconds when the output is a file.
/// </summary>
public sealed class ProgressBar : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public ProgressBar(ConnectorRuntime runtime, TextWriter output)
    {
        var interactive = !Console.IsErrorRedirected;
        _loop = Task.Run(async () =>
        {
            try
            {
                await DrawAsync(runtime, output, interactive);
            }
            catch (OperationCanceledException)
            {
                // Stopped: the summary follows.
            }
            if (interactive) output.WriteLine();
        });
    }

    private async Task DrawAsync(ConnectorRuntime runtime, TextWriter output, bool interactive)
    {
        {
            var lastLine = DateTimeOffset.MinValue;
            while (!_stop.IsCancellationRequested)
            {
                long done = 0, pending = 0;
                foreach (var connection in runtime.Connections)
                {
                    done += (await runtime.Store.CountLinksAsync(connection.Name, _stop.Token)).Where(l => l.Table != "salesorderdetail").Sum(l => l.Count);
                    pending += (await runtime.Store.CountPendingAsync(connection.Name, _stop.Token)).Where(p => p.Key != "salesorderdetail").Sum(p => p.Value);
                }
                var total = Math.Max(1, done + pending);
                var filled = (int)(30 * done / total);
                var text = $"[{new string('#', filled)}{new string('.', 30 - filled)}] {done:N0} rows settled, {pending:N0} queued";
                if (interactive) output.Write($"\r{text}   ");
                else if (DateTimeOffset.UtcNow - lastLine > TimeSpan.FromSeconds(10)) { output.WriteLine(text); lastLine = DateTimeOffset.UtcNow; }
                await Task.Delay(500, _stop.Token);
            }
        }
    }

    public void Dispose()
    {
        if (_stop.IsCancellationRequested) return;
        _stop.Cancel();
        _loop.Wait(TimeSpan.FromSeconds(2));
        _stop.Dispose();
    }
}
