using Grpc.Core;
using PaymentCore.Api.V1;
using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.SavedInstruments;

/// <summary>
/// A saved instrument is its original instrument for the limits, and it is saved however its
/// purchase came to succeed: here the reconciler settles a timed-out saving purchase.
/// </summary>
public sealed class SavedInstrumentPathTests
{
    [Fact]
    public async Task PayingWithSaved_CountsOnTheOriginalInstrumentsLimit()
    {
        await using var server = await PaymentCoreServer.StartAsync(new()
        {
            ["Limits:Tiers:0:Name"] = "test",
            ["Limits:Tiers:0:Rules:0:Name"] = "instrument_count_24h",
            ["Limits:Tiers:0:Rules:0:Dimension"] = "Instrument",
            ["Limits:Tiers:0:Rules:0:Measure"] = "Count",
            ["Limits:Tiers:0:Rules:0:Window"] = "1.00:00:00",
            ["Limits:Tiers:0:Rules:0:Limit"] = "2",
        });
        var user = "limited-" + Guid.NewGuid().ToString("N")[..12];
        await server.Recharges.CreateRechargeAsync(Requests.Saving(user, new PaymentMethod { Sandbox = new SandboxMethod { Token = "sandbox_ok" } }));
        var instrument = Assert.Single(await server.Recharges.SavedInstrumentsOfAsync(user));
        var repeat = Requests.PayWithSaved(user, instrument.InstrumentId);
        Assert.Equal(RechargeStatus.Succeeded, (await server.Recharges.CreateRechargeAsync(repeat)).Recharge.Status);

        repeat.IdempotencyKey = Guid.NewGuid().ToString();
        var viaSaved = await RpcAssert.FailsWith(StatusCode.ResourceExhausted, "LIMIT_EXCEEDED", () => server.Recharges.CreateRechargeAsync(repeat).ResponseAsync);
        var direct = await RpcAssert.FailsWith(StatusCode.ResourceExhausted, "LIMIT_EXCEEDED", () => server.Recharges.CreateRechargeAsync(Requests.Create(user: user)).ResponseAsync);

        Assert.All([viaSaved, direct], status => Assert.Contains("instrument_count_24h", status.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SavingPurchaseSettledByTheReconciler_IsSavedOnce()
    {
        await using var server = await PaymentCoreServer.StartAsync(new()
        {
            ["Reconciler:Interval"] = "00:00:00.2",
            ["Reconciler:After"] = "00:00:00.5",
        });
        var user = "reconciled-" + Guid.NewGuid().ToString("N")[..12];
        var saving = Requests.Saving(user, new PaymentMethod { Sandbox = new SandboxMethod { Token = "sandbox_timeout" } });

        var unknown = (await server.Recharges.CreateRechargeAsync(saving)).Recharge;
        Assert.Equal(RechargeStatus.Unknown, unknown.Status);
        Assert.Empty(await server.Recharges.SavedInstrumentsOfAsync(user));

        var saved = await Eventually.ReturnsAsync(
            () => server.Recharges.SavedInstrumentsOfAsync(user),
            instruments => instruments.Count > 0,
            what: "the reconciled purchase did not save its instrument");
        await server.Recharges.CreateRechargeAsync(saving);

        Assert.Single(saved);
        Assert.Single(await server.Recharges.SavedInstrumentsOfAsync(user));
        Assert.Equal(RechargeStatus.Succeeded, (await server.Recharges.GetRechargeAsync(new GetRechargeRequest { RechargeId = unknown.RechargeId })).Recharge.Status);
    }
}
