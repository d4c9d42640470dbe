using Microsoft.Extensions.DependencyInjection;
using PaymentCore.Adapters;
using PaymentCore.Catalog;
using PaymentCore.Errors;
using PaymentCore.Orchestration;
using PaymentCore.Recharges;
using PaymentCore.Routing;
using PaymentCore.Tests.Infrastructure;
using PaymentCore.Tests.Redis;
using V1 = PaymentCore.Api.V1;

namespace PaymentCore.Tests.Routing;

/// <summary>
/// DESIGN.md: fail over to the region's next gateway only when the attempt provably never reached
/// the first; after a timeout the recharge is UNKNOWN at that gateway, never charged by a second.
/// Through the real host on real Redis, with two scripted card gateways in a region's list (the
/// catalog names only gateways PaymentCore has adapters for, and none but Stripe takes cards, so
/// the region is handed to the orchestrator as the catalog would).
/// </summary>
[Collection(RedisSingleNodeCollection.Name)]
public sealed class FailoverTests(RedisSingleNodeFixture redis)
{
    private static readonly RegionCatalog Region = new(
        "US",
        "USD",
        TaxDisplayMode.Exclusive,
        [],
        new Dictionary<PaymentMethodType, IReadOnlyList<string>> { [PaymentMethodType.Card] = ["primary", "backup"] });

    private readonly ScriptedGateway _primary = new("primary");
    private readonly ScriptedGateway _backup = new("backup");

    [Fact]
    public async Task FirstGatewayNeverReached_TheNextChargesOnce_AndTheRechargeSaysWhy()
    {
        _primary.Next = new GatewayOutcome.NotReached("connection refused");
        await using var server = await StartAsync();

        var recharge = (await Orchestrator(server).CreateAsync(Command(), CancellationToken.None)).Recharge;

        Assert.Equal((RechargeStatus.Succeeded, "backup"), (recharge.Status, recharge.Gateway));
        Assert.Equal((1, 1), (_primary.Charges, _backup.Charges));
        var stored = (await server.Recharges.GetRechargeAsync(new V1.GetRechargeRequest { RechargeId = recharge.RechargeId })).Recharge;
        Assert.Equal("backup", stored.Gateway);
        var passed = Assert.Single(stored.GatewaysPassedOver);
        Assert.Equal(("primary", "not_reached", "connection refused"), (passed.Gateway, passed.Reason, passed.Detail));
        var credit = Assert.Single(await server.Wallet.WaitForAsync(events => events.Count >= 1));
        Assert.Equal(recharge.RechargeId, credit.RechargeId);
    }

    [Fact]
    public async Task FirstGatewayTimedOut_IsUnknownThere_AndTheNextIsNeverAsked()
    {
        _primary.Next = new GatewayOutcome.Unknown(null, "no answer within 10 s");
        await using var server = await StartAsync();

        var recharge = (await Orchestrator(server).CreateAsync(Command(), CancellationToken.None)).Recharge;

        Assert.Equal((RechargeStatus.Unknown, "primary"), (recharge.Status, recharge.Gateway));
        Assert.Empty(recharge.GatewaysPassedOver);
        Assert.Equal((1, 0), (_primary.Charges, _backup.Charges));
        Assert.Empty(server.Wallet.Received);
    }

    [Fact]
    public async Task EveryGatewayNeverReached_FailsWithNothingCharged_NamingEachAttempt()
    {
        _primary.Next = new GatewayOutcome.NotReached("connection refused");
        _backup.Next = new GatewayOutcome.NotReached("circuit open");
        await using var server = await StartAsync();

        var recharge = (await Orchestrator(server).CreateAsync(Command(), CancellationToken.None)).Recharge;

        Assert.Equal((RechargeStatus.Failed, RechargeFailure.GatewayUnavailable), (recharge.Status, recharge.Failure?.Code));
        Assert.Equal([new PassedGateway("primary", PassedGateway.NotReached, "connection refused")], recharge.GatewaysPassedOver);
        Assert.Equal((1, 1), (_primary.Charges, _backup.Charges));
    }

    [Fact]
    public async Task DuplicateStorm_WhileTheFirstGatewayIsDown_TheNextChargesExactlyOnce()
    {
        _primary.Next = new GatewayOutcome.NotReached("connection refused");
        await using var server = await StartAsync();
        var orchestrator = Orchestrator(server);
        var command = Command();

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
        {
            try
            {
                return (await orchestrator.CreateAsync(command, CancellationToken.None)).Recharge.RechargeId;
            }
            catch (PaymentCoreException e) when (e.Kind == ErrorKind.Aborted && e.Reason == ErrorReasons.IdempotencyInProgress)
            {
                return "in-progress";
            }
        }));

        Assert.Single(answers.Where(a => a != "in-progress").Distinct());
        Assert.Equal((1, 1), (_primary.Charges, _backup.Charges));
    }

    private Task<PaymentCoreServer> StartAsync() => PaymentCoreServer.StartAsync(
        RedisSettings.For(redis.Configuration),
        services => services.AddSingleton<IPaymentGateway>(_primary).AddSingleton<IPaymentGateway>(_backup));

    private static RechargeOrchestrator Orchestrator(PaymentCoreServer server) => server.Services.GetRequiredService<RechargeOrchestrator>();

    /// <summary>A card purchase of the smallest US package, as validation and pricing hand it over.</summary>
    private static CreateRechargeCommand Command()
    {
        var key = Guid.NewGuid().ToString("N");
        return new CreateRechargeCommand(
            new IdempotentRequest("failover-test", key, "fp-" + key),
            "failover-" + key[..12],
            Region,
            new PricedItem(new Money("USD", 99), 100, 0, "coins_100", [], [], null),
            new CardInstrument("pm_card_visa"),
            new RiskSignals("unverified", null, null));
    }
}
