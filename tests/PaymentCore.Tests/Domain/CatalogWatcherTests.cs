using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PaymentCore.Adapters;
using PaymentCore.Catalog;
using PaymentCore.Modes;
using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.Domain;

/// <summary>Catalog reloads: a good file replaces the catalog whole, a bad one is rejected with one clear log line and the old catalog stays.</summary>
public sealed class CatalogWatcherTests : IDisposable
{
    private static readonly string CatalogJson = """
        { "regions": [ { "regionCode": "US", "currency": "USD", "taxDisplay": "exclusive",
          "packages": [ { "packageId": "coins_100", "coins": 100, "price": "0.99" } ],
          "paymentMethods": { "sandbox": [ "sandbox" ] } } ] }
        """;

    private readonly TempCatalogFile _file = new(CatalogJson);
    private readonly FakeLogger<CatalogWatcher> _logger = new();
    private readonly FakeTimeProvider _time = new();
    private readonly List<ICatalogCheck> _checks = [];
    private readonly CatalogSource _source;

    public CatalogWatcherTests() => _source = new CatalogSource(CatalogLoader.LoadFile(_file.Path));

    [Fact]
    public void ChangedFile_ReplacesTheCatalogWhole()
    {
        var before = _source.Current;
        _file.Write(CatalogJson.Replace("0.99", "1.29", StringComparison.Ordinal));

        Watcher().ReloadIfChanged();

        Assert.NotSame(before, _source.Current);
        Assert.NotEqual(before.Version, _source.Current.Version);
        Assert.Equal(129, PriceOfCoins100());
        Assert.Contains(_logger.Collector.GetSnapshot(), l => l.Level == LogLevel.Information && l.Message.Contains($"replaces version {before.Version}", StringComparison.Ordinal));
    }

    /// <summary>In live mode a reloaded file loses its test-only methods before any check sees it; real methods stay and are checked.</summary>
    [Fact]
    public void LiveMode_ReloadedFile_LosesTheSandboxBeforeAnyCheck_AndKeepsRealMethods()
    {
        var seen = new SeenMethods();
        _checks.Add(seen);
        _file.Write(CatalogJson.Replace("\"sandbox\": [ \"sandbox\" ]", "\"sandbox\": [ \"sandbox\" ], \"card\": [ \"sandbox\", \"stripe\" ]", StringComparison.Ordinal));

        Watcher(DeploymentMode.Live).ReloadIfChanged();

        Assert.True(_source.Current.TryGetRegion("US", out var us));
        Assert.Equal([PaymentMethodType.Card], us.GatewaysByMethod.Keys);
        Assert.Equal(["sandbox", "stripe"], us.GatewaysByMethod[PaymentMethodType.Card]);
        Assert.Equal([PaymentMethodType.Card], seen.Methods);
    }

    [Fact]
    public void UnchangedFile_ChangesNothing()
    {
        var before = _source.Current;

        Watcher().ReloadIfChanged();

        Assert.Same(before, _source.Current);
        Assert.Empty(_logger.Collector.GetSnapshot());
    }

    [Fact]
    public void InvalidFile_IsRejectedOnceWithFileRegionAndField_AndTheOldCatalogStays()
    {
        var before = _source.Current;
        _file.Write(CatalogJson.Replace("\"0.99\"", "\"0.999\"", StringComparison.Ordinal));
        var watcher = Watcher();

        watcher.ReloadIfChanged();
        watcher.ReloadIfChanged();

        Assert.Same(before, _source.Current);
        var line = Assert.Single(_logger.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Error, line.Level);
        Assert.Contains(_file.Path, line.Message, StringComparison.Ordinal);
        Assert.Contains($"version {before.Version} stays in force", line.Message, StringComparison.Ordinal);
        Assert.Contains("region US, packages[0].price: '0.999' has 3 decimals but USD has 2", line.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FileFailingAFeaturesCheck_IsRejected()
    {
        var before = _source.Current;
        _checks.Add(new RefuseEverything());
        _file.Write(CatalogJson.Replace("0.99", "1.29", StringComparison.Ordinal));

        Watcher().ReloadIfChanged();

        Assert.Same(before, _source.Current);
        Assert.Contains("region US, currency: refused by the test", Assert.Single(_logger.Collector.GetSnapshot()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnreadableFile_KeepsTheCatalog()
    {
        var before = _source.Current;
        File.Delete(_file.Path);

        Watcher().ReloadIfChanged();

        Assert.Same(before, _source.Current);
        Assert.Contains("unreadable", Assert.Single(_logger.Collector.GetSnapshot()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FixedFile_AfterARejection_IsTakenUp()
    {
        var watcher = Watcher();
        _file.Write("{ not json");
        watcher.ReloadIfChanged();

        _file.Write(CatalogJson.Replace("0.99", "1.49", StringComparison.Ordinal));
        watcher.ReloadIfChanged();

        Assert.Equal(149, PriceOfCoins100());
    }

    [Fact]
    public async Task Watcher_PollsOnItsInterval()
    {
        using var watcher = Watcher();
        await watcher.StartAsync(CancellationToken.None);
        _file.Write(CatalogJson.Replace("0.99", "1.19", StringComparison.Ordinal));

        // The watcher's loop starts on a background thread: keep the clock moving until it has ticked.
        await Eventually.ReturnsAsync(
            () =>
            {
                _time.Advance(TimeSpan.FromSeconds(1));
                return Task.FromResult(PriceOfCoins100());
            },
            price => price == 119);
        await watcher.StopAsync(CancellationToken.None);
    }

    public void Dispose() => _file.Dispose();

    private CatalogWatcher Watcher(DeploymentMode mode = DeploymentMode.Test) => new(
        _source,
        _checks,
        Options.Create(new CatalogOptions { Path = _file.Path, PollInterval = TimeSpan.FromSeconds(1) }),
        Options.Create(new ModeOptions { Configured = mode.Name() }),
        _time,
        _logger);

    private long PriceOfCoins100() =>
        _source.Current.TryGetRegion("US", out var us) ? us.FindPackage("coins_100")!.Price.MinorUnits : -1;

    private sealed class SeenMethods : ICatalogCheck
    {
        public List<PaymentMethodType> Methods { get; } = [];

        public IEnumerable<string> ProblemsWith(CoinCatalog catalog)
        {
            Methods.AddRange(catalog.Regions.SelectMany(r => r.GatewaysByMethod.Keys));
            return [];
        }
    }

    private sealed class RefuseEverything : ICatalogCheck
    {
        public IEnumerable<string> ProblemsWith(CoinCatalog catalog) => catalog.Regions.Select(r => $"region {r.RegionCode}, currency: refused by the test");
    }
}
