using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using PaymentCore.Adapters.Sandbox;
using PaymentCore.Api.V1;
using PaymentCore.Confirmations;
using PaymentCore.Hosting;
using PaymentCore.State;

namespace PaymentCore.Tests.Infrastructure;

/// <summary>
/// The real PaymentCore host, in process, on real Kestrel over loopback HTTP/2 (no test server),
/// with a recording wallet sink in place of the logging one, its warnings and errors in
/// <see cref="Logs"/> and its outbox observed for <see cref="QuietAsync"/>.
/// </summary>
public sealed class PaymentCoreServer : IAsyncLifetime, IAsyncDisposable
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;
    private WebApplication? _app;
    private ObservedOutbox? _outbox;

    public PaymentCoreServer()
        : this(new Dictionary<string, string?>(), null)
    {
    }

    private PaymentCoreServer(Dictionary<string, string?> settings, Action<IServiceCollection>? services)
    {
        _settings = settings;
        _services = services;
    }

    /// <summary>Starts a server with the given configuration (keys as in appsettings, e.g. "Redis:Configuration").</summary>
    /// <param name="services">Replacements registered after the host's own, e.g. a FakeTimeProvider as the TimeProvider.</param>
    public static async Task<PaymentCoreServer> StartAsync(Dictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        var server = new PaymentCoreServer(settings, services);
        await server.InitializeAsync();
        return server;
    }

    public RecordingWalletSink Wallet { get; } = new();

    public Uri GrpcAddress { get; private set; } = null!;

    public Uri HttpAddress { get; private set; } = null!;

    public GrpcChannel Channel { get; private set; } = null!;

    public RechargeService.RechargeServiceClient Recharges { get; private set; } = null!;

    public AdminService.AdminServiceClient Admin { get; private set; } = null!;

    public SandboxGateway Sandbox => _app!.Services.GetRequiredService<SandboxGateway>();

    public IServiceProvider Services => _app!.Services;

    /// <summary>What the host logged at warning level and above (a rejected reload, a refused delivery).</summary>
    public FakeLogCollector Logs => Services.GetFakeLogCollector();

    /// <summary>
    /// Returns once nothing more will reach a wallet of what was committed before the call: a
    /// dispatcher pass that began after it found nothing to deliver to any wallet, and every
    /// wallet's outbox backlog is empty. Proves "no second credit arrived" without sleeping.
    /// </summary>
    public async Task QuietAsync()
    {
        var wallets = Services.GetServices<IWalletSink>().Select(s => s.Name).ToList();
        var after = _outbox!.ReadsStarted;
        var doorbells = Services.GetRequiredService<ShardDoorbells>();
        await Eventually.TrueAsync(
            () =>
            {
                // Lanes read only shards that rang: ring them all, so a pass follows that finds nothing, or something.
                doorbells.RingAll();
                return _outbox.QuietAsync(wallets, after);
            },
            what: "the outbox did not drain to a quiet state");
    }

    public async Task InitializeAsync()
    {
        // A free port can be taken by another test process between the probe and the bind: try fresh ones.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await StartOnFreePortsAsync();
                break;
            }
            catch (IOException e) when (attempt < 3 && e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
                await _app!.DisposeAsync();
            }
        }

        Channel = GrpcChannel.ForAddress(GrpcAddress);
        Recharges = new RechargeService.RechargeServiceClient(Channel);
        Admin = new AdminService.AdminServiceClient(Channel);
    }

    private async Task StartOnFreePortsAsync()
    {
        GrpcAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        HttpAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var args = _settings
            .Append(new("Grpc:Url", GrpcAddress.ToString().TrimEnd('/')))
            .Append(new("Http:Url", HttpAddress.ToString().TrimEnd('/')))
            .Select(s => $"--{s.Key}={s.Value}")
            .ToArray();
        // With wallet endpoints configured the real gRPC sinks deliver; otherwise the recording one does.
        var deliversToWallets = _settings.ContainsKey("Wallets:Endpoints:0");
        _app = PaymentCoreHost.Build(args, builder =>
        {
            builder.Logging.AddFakeLogging(options => options.FilteredLevels = new HashSet<LogLevel> { LogLevel.Warning, LogLevel.Error, LogLevel.Critical });
            builder.Host.UseServiceProviderFactory(new DecoratingServiceProviderFactory(services => ObservedOutbox.Decorate(services, outbox => _outbox = outbox)));
            if (!deliversToWallets)
            {
                builder.Services.AddSingleton<IWalletSink>(Wallet);
            }

            _services?.Invoke(builder.Services);
        });
        await _app.StartAsync();
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

    public async Task DisposeAsync()
    {
        Channel?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
