using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using PaymentCore.Adapters.Tests.Stripe;
using PaymentCore.Api.V1;
using PaymentCore.ReferenceWallet;
using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.Modes;

/// <summary>The reference wallet serves one mode and refuses, unapplied, every event of the other, as every wallet must.</summary>
public sealed class ReferenceWalletModeTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Wallet_RefusesAnEventOfTheOtherMode_WithItsReason_AndAppliesOneOfItsOwn(bool walletLivemode)
    {
        await using var wallet = await ReferenceWalletServer.StartAsync(livemode: walletLivemode);
        using var channel = GrpcChannel.ForAddress(wallet.Url);
        var client = new WalletConfirmationService.WalletConfirmationServiceClient(channel);
        var user = Requests.NewUser();

        var error = await Assert.ThrowsAsync<RpcException>(() => client.ApplyRechargeEventAsync(Credit("evt-other", user, !walletLivemode)).ResponseAsync);
        var again = await Assert.ThrowsAsync<RpcException>(() => client.ApplyRechargeEventAsync(Credit("evt-other", user, !walletLivemode)).ResponseAsync);
        await client.ApplyRechargeEventAsync(Credit("evt-own", user, walletLivemode));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);
        var info = error.GetRpcStatus()?.GetDetail<ErrorInfo>();
        Assert.NotNull(info);
        Assert.Equal(WalletMode.MismatchReason, info.Reason);
        Assert.Equal(WalletMode.ErrorDomain, info.Domain);
        Assert.Equal(walletLivemode ? "true" : "false", info.Metadata["wallet_livemode"]);
        Assert.Equal(["evt-own"], wallet.Ledger.Applied.Select(e => e.EventId));
        Assert.Equal(100, wallet.Ledger.BalanceOf(user));
        Assert.Equal(2, wallet.Ledger.Refused["evt-other"]);
    }

    /// <summary>
    /// A test-mode PaymentCore and a live one deliver to one live wallet: the live recharge's credit
    /// is applied; the test one's is refused at every attempt and never credited.
    /// </summary>
    [Fact]
    public async Task LiveWallet_AppliesTheLiveCredit_AndNeverTheTestOne()
    {
        await using var wallet = await ReferenceWalletServer.StartAsync(livemode: true);
        await using var stripe = await StripeStub.StartAsync();
        var delivery = new Dictionary<string, string?> { ["Wallets:Endpoints:0"] = wallet.Url };
        await using var live = await PaymentCoreServer.StartAsync(ModeSettings.Live(stripe).On(delivery));
        await using var test = await PaymentCoreServer.StartAsync(ModeSettings.Test().On(delivery));
        var user = Requests.NewUser();

        var testRecharge = (await test.Recharges.CreateRechargeAsync(Requests.Create(user: user))).Recharge;
        var liveRecharge = (await live.Recharges.CreateRechargeAsync(ModeSettings.PayByCard(user: user))).Recharge;

        Assert.False(testRecharge.Livemode);
        Assert.True(liveRecharge.Livemode);
        await Eventually.TrueAsync(() => wallet.Ledger.Applied.Any(e => e.RechargeId == liveRecharge.RechargeId));
        // Refused twice: the dispatcher retried it, and the wallet still did not apply it.
        await Eventually.TrueAsync(() => wallet.Ledger.Refused.GetValueOrDefault($"{testRecharge.RechargeId}:credit") >= 2);
        Assert.DoesNotContain(wallet.Ledger.Applied, e => e.RechargeId == testRecharge.RechargeId);
        Assert.Equal(liveRecharge.Coins + liveRecharge.BonusCoins, wallet.Ledger.BalanceOf(user));
        Assert.All(wallet.Ledger.Applied, e => Assert.True(e.Livemode));
    }

    private static ApplyRechargeEventRequest Credit(string eventId, string user, bool livemode) => new()
    {
        EventId = eventId,
        Type = RechargeEventType.Credit,
        RechargeId = "rch_" + eventId,
        UserId = user,
        Coins = 100,
        Amount = new Money { Currency = "USD", MinorUnits = 99 },
        Reason = "recharge_succeeded",
        OccurredAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
        Livemode = livemode,
    };
}
