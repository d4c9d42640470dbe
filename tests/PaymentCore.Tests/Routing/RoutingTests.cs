using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PaymentCore.Adapters;
using PaymentCore.Adapters.Stripe;
using PaymentCore.Catalog;
using PaymentCore.Routing;
using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.Routing;

/// <summary>Which gateways a region's method is routed to, per-gateway circuits, and what gets registered.</summary>
public sealed class RoutingTests
{
    private static readonly GatewayCircuitOptions Circuit = new()
    {
        FailureRatio = 0.5, MinimumThroughput = 4, SamplingDuration = TimeSpan.FromSeconds(30), BreakDuration = TimeSpan.FromSeconds(30),
    };

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Route_SkipsGatewaysThatCannotServeTheCurrencyOrRegion()
    {
        var router = new GatewayRouter([
            new ScriptedGateway("eur-only", currencies: ["EUR"]),
            new ScriptedGateway("de-only", regions: ["DE"]),
            new ScriptedGateway("anywhere")]);

        Assert.Equal(["anywhere"], router.Route(Region("US", "USD", "eur-only", "de-only", "anywhere"), PaymentMethodType.Card).Gateways.Select(g => g.Name));
        Assert.Equal(["eur-only", "de-only", "anywhere"], router.Route(Region("DE", "EUR", "eur-only", "de-only", "anywhere"), PaymentMethodType.Card).Gateways.Select(g => g.Name));
    }

    [Fact]
    public async Task Route_NamesEveryGatewayItPassesOver_WithWhy()
    {
        var open = new CircuitBreakingGateway(new ScriptedGateway("tripped") { Next = new GatewayOutcome.NotReached("connection refused") }, Circuit, _time);
        for (var i = 0; i < Circuit.MinimumThroughput; i++)
        {
            await open.ChargeAsync(Request(), default);
        }

        var router = new GatewayRouter([open, new ScriptedGateway("eur-only", currencies: ["EUR"]), new ScriptedGateway("anywhere")]);

        var route = router.Route(Region("US", "USD", "absent", "tripped", "anywhere", "eur-only"), PaymentMethodType.Card);

        Assert.Equal(["anywhere"], route.Gateways.Select(g => g.Name));
        Assert.Equal(
            [new PassedGateway("absent", PassedGateway.NotConfigured), new PassedGateway("tripped", PassedGateway.CircuitOpen), new PassedGateway("eur-only", PassedGateway.Unsupported)],
            route.PassedOver);
    }

    [Fact]
    public void Route_OffersStripesWalletsOnlyInTheCurrenciesStripeTakesForThem()
    {
        var router = new GatewayRouter([Stripe()]);
        var stripeForEverything = new Dictionary<PaymentMethodType, IReadOnlyList<string>>
        {
            [PaymentMethodType.Card] = ["stripe"], [PaymentMethodType.Alipay] = ["stripe"], [PaymentMethodType.WeChatPay] = ["stripe"],
        };

        Assert.Equal(
            [PaymentMethodType.Card, PaymentMethodType.Alipay, PaymentMethodType.WeChatPay],
            router.AvailableMethods(new RegionCatalog("HK", "HKD", TaxDisplayMode.Inclusive, [], stripeForEverything)));
        Assert.Equal(
            [PaymentMethodType.Card, PaymentMethodType.WeChatPay],
            router.AvailableMethods(new RegionCatalog("CH", "CHF", TaxDisplayMode.Inclusive, [], stripeForEverything)));
        Assert.Equal(
            [PaymentMethodType.Card],
            router.AvailableMethods(new RegionCatalog("BR", "BRL", TaxDisplayMode.Inclusive, [], stripeForEverything)));
    }

    [Fact]
    public void DemoCatalog_ListsWalletsOnlyInJapan_WhereStripeTakesYenForBoth()
    {
        var router = new GatewayRouter([Stripe()]);
        var regions = CatalogLoader.LoadEmbeddedDemo().Regions;
        bool IsWallet(PaymentMethodType method) => method is PaymentMethodType.Alipay or PaymentMethodType.WeChatPay;

        Assert.Equal(["JP"], regions.Where(r => r.GatewaysByMethod.Keys.Any(IsWallet)).Select(r => r.RegionCode));
        Assert.Equal(["JP"], regions.Where(r => router.AvailableMethods(r).Any(IsWallet)).Select(r => r.RegionCode));
        Assert.Equal(
            [PaymentMethodType.Card, PaymentMethodType.Alipay, PaymentMethodType.WeChatPay, PaymentMethodType.Konbini],
            router.AvailableMethods(regions.Single(r => r.RegionCode == "JP")));
    }

    [Fact]
    public async Task OpenCircuit_TakesTheGatewayOutOfRoutingButFindStillReturnsIt()
    {
        var flaky = new ScriptedGateway("flaky") { Next = new GatewayOutcome.NotReached("connection refused") };
        var guarded = new CircuitBreakingGateway(flaky, Circuit, _time);
        var router = new GatewayRouter([guarded, new ScriptedGateway("backup")]);
        var region = Region("US", "USD", "flaky", "backup");

        for (var i = 0; i < 4; i++)
        {
            await guarded.ChargeAsync(Request(), default);
        }

        Assert.True(guarded.IsOpen);
        Assert.Equal(["backup"], router.Route(region, PaymentMethodType.Card).Gateways.Select(g => g.Name));
        Assert.Same(guarded, router.Find("flaky"));
    }

    [Fact]
    public async Task OpenCircuit_AnswersNotReachedWithoutCallingTheGatewayThenLetsATrialThroughAfterTheBreak()
    {
        var flaky = new ScriptedGateway("flaky") { Next = new GatewayOutcome.Unknown(null, "timeout") };
        var guarded = new CircuitBreakingGateway(flaky, Circuit, _time);
        for (var i = 0; i < 4; i++)
        {
            await guarded.ChargeAsync(Request(), default);
        }

        var whileOpen = await guarded.ChargeAsync(Request(), default);

        Assert.IsType<GatewayOutcome.NotReached>(whileOpen);
        Assert.Equal(4, flaky.Charges);

        _time.Advance(Circuit.BreakDuration + TimeSpan.FromSeconds(1));
        flaky.Next = new GatewayOutcome.Succeeded("ch_1");

        Assert.False(guarded.IsOpen);
        Assert.IsType<GatewayOutcome.Succeeded>(await guarded.ChargeAsync(Request(), default));
        Assert.Equal(5, flaky.Charges);
    }

    [Fact]
    public async Task Declines_DoNotOpenTheCircuit()
    {
        var declining = new ScriptedGateway("declining") { Next = new GatewayOutcome.Declined(null, "card_declined", "declined", null) };
        var guarded = new CircuitBreakingGateway(declining, Circuit, _time);

        for (var i = 0; i < 10; i++)
        {
            await guarded.ChargeAsync(Request(), default);
        }

        Assert.False(guarded.IsOpen);
    }

    [Fact]
    public void AddGateways_WithoutCredentials_OffersOnlyTheSandbox()
    {
        using var services = ConfiguredGateways.Build([]);

        Assert.Equal(["sandbox"], services.GetServices<IPaymentGateway>().Select(g => g.Name));
    }

    [Fact]
    public void AddGateways_WithCredentials_RegistersStripePayPalVouchersAndCarrierBillingBehindCircuits()
    {
        using var services = ConfiguredGateways.Build(ConfiguredGateways.EveryAdapter());

        var gateways = services.GetServices<IPaymentGateway>().ToList();

        Assert.Equal(["sandbox", "stripe", "paypal", "voucher", "carrier_billing"], gateways.Select(g => g.Name));
        Assert.All(gateways.Skip(1), g => Assert.IsType<CircuitBreakingGateway>(g));
    }

    [Fact]
    public void AddGateways_StripeKeyWithoutWebhookSecret_FailsValidationNamingTheField()
    {
        using var services = ConfiguredGateways.Build(new() { ["Gateways:Stripe:ApiKey"] = "sk_test_1" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<StripeOptions>>().Value);

        Assert.Contains("WebhookSecret", error.Message, StringComparison.Ordinal);
        Assert.Contains("ReturnUrl", error.Message, StringComparison.Ordinal);
    }

    private static RegionCatalog Region(string code, string currency, params string[] cardGateways) => new(
        code, currency, TaxDisplayMode.Inclusive, [],
        new Dictionary<PaymentMethodType, IReadOnlyList<string>> { [PaymentMethodType.Card] = cardGateways });

    /// <summary>The real Stripe adapter; routing only reads its capabilities, so it never calls out.</summary>
    private static StripeGateway Stripe() => new(
        new HttpClient(), new StripeOptions { ApiKey = "sk_test_1", WebhookSecret = "whsec_1", ReturnUrl = new Uri("https://app.example.com/3ds") });

    private static GatewayRequest Request() => new("k", new Money("USD", 499), "US", new CardInstrument("pm_1"), "rch_1", "100 coins");
}
