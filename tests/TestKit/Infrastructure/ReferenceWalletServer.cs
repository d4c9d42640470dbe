using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PaymentCore.ReferenceWallet;

namespace PaymentCore.Tests.Infrastructure;

/// <summary>The reference wallet on a loopback port that stays the same across stops and starts.</summary>
public sealed class ReferenceWalletServer : IAsyncDisposable
{
    private readonly int _port = FreePort.Next();
    private readonly int _failFirst;
    private readonly bool _livemode;
    private WebApplication? _app;

    private ReferenceWalletServer(int failFirst, bool livemode)
    {
        _failFirst = failFirst;
        _livemode = livemode;
    }

    public string Url => $"http://127.0.0.1:{_port}";

    /// <summary>The books of the running wallet; kept across <see cref="StopAsync"/> and <see cref="StartAsync(int?)"/>.</summary>
    public WalletLedger Ledger { get; private set; } = new();

    /// <param name="livemode">The mode the wallet serves (<c>Wallet:Mode</c>); it refuses events of the other.</param>
    public static async Task<ReferenceWalletServer> StartAsync(int failFirst = 0, bool livemode = false)
    {
        var wallet = new ReferenceWalletServer(failFirst, livemode);
        await wallet.StartAsync();
        return wallet;
    }

    /// <summary>Starts (again) on the same port with the same books; <paramref name="failFirst"/> overrides the refusals to make.</summary>
    public async Task StartAsync(int? failFirst = null)
    {
        var ledger = Ledger;
        _app = ReferenceWalletHost.Build(
            [$"--Wallet:Url={Url}", $"--Wallet:FailFirst={failFirst ?? _failFirst}", $"--Wallet:Mode={(_livemode ? "live" : "test")}"],
            services => services.AddSingleton(ledger));
        await _app.StartAsync();
    }

    public async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
