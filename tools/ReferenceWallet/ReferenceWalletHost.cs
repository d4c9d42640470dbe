using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PaymentCore.ReferenceWallet;

/// <summary>
/// Builds the reference wallet: gRPC (h2c) on <c>Wallet:Url</c>, default http://127.0.0.1:6000, in
/// the mode <c>Wallet:Mode</c> ("test", the default, or "live"): it applies only events of its mode.
/// </summary>
public static class ReferenceWalletHost
{
    /// <param name="args">Command-line configuration.</param>
    /// <param name="customize">Registrations made first (tests keep one ledger across restarts here).</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? customize = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        var url = new Uri(builder.Configuration["Wallet:Url"] ?? "http://127.0.0.1:6000");
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, url.Port, l => l.Protocols = HttpProtocols.Http2));
        customize?.Invoke(builder.Services);
        builder.Services.AddGrpc();
        builder.Services.TryAddSingleton<WalletLedger>();
        builder.Services.AddSingleton(new WalletFaults(builder.Configuration.GetValue("Wallet:FailFirst", 0)));
        builder.Services.AddSingleton(WalletMode.From(builder.Configuration["Wallet:Mode"]));
        var app = builder.Build();
        app.MapGrpcService<WalletService>();
        return app;
    }
}
