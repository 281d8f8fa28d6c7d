using System.Net;
using System.Net.Sockets;

namespace D365Xero.Cli.Commands;

/// <summary>
/// Says in one line that an address is taken, before a web host tries it: Kestrel's own failure is an
/// exception with a stack trace logged by the host ("Failed to bind to address … address already in use").
/// </summary>
public static class PortCheck
{
    /// <param name="setting">Where the address comes from (an option or setting), named in the line.</param>
    public static void ThrowIfTaken(string url, string setting)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Port == 0) return;
        var address = uri.Host is "localhost" ? IPAddress.Loopback : IPAddress.TryParse(uri.Host, out var ip) ? ip : null;
        if (address is null) return;
        try
        {
            var probe = new TcpListener(address, uri.Port);
            probe.Start();
            probe.Stop();
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new InvalidOperationException(
                $"{uri.GetLeftPart(UriPartial.Authority)} is already in use: another program (an `emulate`, `sandbox` or `serve` still running?) "
                + $"listens there. Stop it, or choose another address with {setting}.");
        }
    }
}
