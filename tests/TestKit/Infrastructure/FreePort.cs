using System.Net;
using System.Net.Sockets;

namespace PaymentCore.Tests.Infrastructure;

/// <summary>Loopback ports for servers the tests start.</summary>
public static class FreePort
{
    /// <summary>A port the OS just handed out on 127.0.0.1 and took back, so it is free right now.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
