using System.Net;
using System.Net.Sockets;

namespace D365Xero.ReliabilityTests.Support;

/// <summary>
/// A loopback TCP relay in front of a server (an emulator's proxy, PostgreSQL), which a test can cut:
/// <see cref="Cut"/> stops listening (new connections are refused, as by a host that is down) and
/// resets every open one; <see cref="Restore"/> listens again on the same port.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly IPEndPoint _upstream;
    private readonly object _gate = new();
    private readonly List<TcpClient> _open = [];
    private TcpListener? _listener;
    private int _accepted;

    private TcpRelay(IPEndPoint upstream, int port)
    {
        _upstream = upstream;
        Port = port;
    }

    public int Port { get; }

    /// <summary>http://127.0.0.1:{port}, for an HTTP upstream.</summary>
    public Uri Url => new($"http://127.0.0.1:{Port}");

    /// <summary>Connections taken since the start.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    public static TcpRelay Start(int upstreamPort)
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var relay = new TcpRelay(new IPEndPoint(IPAddress.Loopback, upstreamPort), port);
        relay.Restore();
        return relay;
    }

    /// <summary>Refuses new connections and resets the open ones.</summary>
    public void Cut()
    {
        List<TcpClient> open;
        lock (_gate)
        {
            _listener?.Stop();
            _listener = null;
            open = [.. _open];
            _open.Clear();
        }
        foreach (var client in open)
        {
            try
            {
                // RST, as a dropped link looks to the peer; a client closed meanwhile has no socket left.
                if (client.Client is { } socket) socket.LingerState = new LingerOption(true, 0);
                client.Close();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
        }
    }

    public void Restore()
    {
        lock (_gate)
        {
            if (_listener is not null) return;
            var listener = new TcpListener(IPAddress.Loopback, Port);
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Start();
            _listener = listener;
            _ = AcceptAsync(listener);
        }
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return; // cut
            }
            Interlocked.Increment(ref _accepted);
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var upstream = new TcpClient();
        lock (_gate) _open.Add(client);
        try
        {
            await upstream.ConnectAsync(_upstream);
            lock (_gate) _open.Add(upstream);
            var down = client.GetStream();
            var up = upstream.GetStream();
            await Task.WhenAny(down.CopyToAsync(up), up.CopyToAsync(down));
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException) { }
        finally
        {
            lock (_gate)
            {
                _open.Remove(client);
                _open.Remove(upstream);
            }
            client.Dispose();
        }
    }

    public ValueTask DisposeAsync()
    {
        Cut();
        return ValueTask.CompletedTask;
    }
}
