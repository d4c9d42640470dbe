using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using PaymentCore.Api.V1;
using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.Api;

/// <summary>Refunds: never more than was paid, exactly one debit per refund, idempotent.</summary>
public abstract class RefundTests(PaymentCoreServer server)
{
    [Fact]
    public async Task FullRefund_RefundsEverythingAndDebitsEveryCoinOnce()
    {
        var paid = await PaidAsync();

        var refunded = (await server.Recharges.RefundRechargeAsync(Refund(paid, "r1"))).Recharge;

        Assert.Equal(RechargeStatus.Refunded, refunded.Status);
        Assert.Equal(paid.Amount, refunded.RefundedAmount);
        var refund = Assert.Single(refunded.Refunds);
        Assert.Equal(RefundStatus.Succeeded, refund.Status);
        Assert.Equal(paid.Coins + paid.BonusCoins, refund.Coins);
        var debits = await DebitsAsync(paid, 1);
        Assert.Equal(525, debits.Single().Coins);
    }

    [Fact]
    public async Task Refund_IsInTheAuditTrailWithTheCallerAndTheDebit()
    {
        var paid = await PaidAsync();

        await server.Recharges.RefundRechargeAsync(Refund(paid, "audited"));

        var trail = server.Services.GetRequiredService<PaymentCore.Audit.IAuditTrail>();
        var entries = (await trail.ReadAsync(200, null, default)).Entries.Select(e => e.Entry).Where(e => e.RechargeId == paid.RechargeId).ToList();
        var refunded = Assert.Single(entries, e => e.Action == "transition:Refunded");
        Assert.Equal("anonymous", refunded.Caller);
        Assert.Equal("COMMITTED", refunded.Outcome);
        Assert.Equal("refund (debit 525 coins)", refunded.Reason);
        Assert.Contains(entries, e => e.Action == "transition:Succeeded");
        Assert.Contains(entries, e => e.Action.EndsWith("/RefundRecharge", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PartialRefunds_AddUpToExactlyTheCoinsCredited()
    {
        var paid = await PaidAsync();

        var first = (await server.Recharges.RefundRechargeAsync(Refund(paid, "p1", amount: 100))).Recharge;
        var second = (await server.Recharges.RefundRechargeAsync(Refund(paid, "p2", amount: 150))).Recharge;
        var last = (await server.Recharges.RefundRechargeAsync(Refund(paid, "p3"))).Recharge;

        Assert.Equal(RechargeStatus.PartiallyRefunded, first.Status);
        Assert.Equal(RechargeStatus.PartiallyRefunded, second.Status);
        Assert.Equal(RechargeStatus.Refunded, last.Status);
        Assert.Equal([100L, 150L, 249L], last.Refunds.Select(r => r.Amount.MinorUnits));
        Assert.Equal(525, last.Refunds.Sum(r => r.Coins));
        var debits = await DebitsAsync(paid, 3);
        Assert.Equal(525, debits.Sum(d => d.Coins));
        Assert.Equal(3, debits.Select(d => d.EventId).Distinct().Count());
    }

    [Fact]
    public async Task RefundBeyondTheRemainder_IsRefusedAndChangesNothing()
    {
        var paid = await PaidAsync();
        await server.Recharges.RefundRechargeAsync(Refund(paid, "a", amount: 400));

        var status = await RpcAssert.FailsWith(StatusCode.FailedPrecondition, "REFUND_EXCEEDS_REMAINING", () =>
            server.Recharges.RefundRechargeAsync(Refund(paid, "b", amount: 100)).ResponseAsync);

        Assert.Equal("99", status.GetDetail<Google.Rpc.ErrorInfo>().Metadata["remaining_minor_units"]);
        var read = (await server.Recharges.GetRechargeAsync(new GetRechargeRequest { RechargeId = paid.RechargeId })).Recharge;
        Assert.Equal(400, read.RefundedAmount.MinorUnits);
    }

    [Fact]
    public async Task RetriedRefund_ReplaysAndDebitsOnce()
    {
        var paid = await PaidAsync();
        var request = Refund(paid, "same", amount: 200);
        var first = await server.Recharges.RefundRechargeAsync(request);

        var retry = server.Recharges.RefundRechargeAsync(request);

        Assert.Equal(first, await retry);
        Assert.Equal("true", (await retry.ResponseHeadersAsync).GetValue("idempotent-replayed"));
        await DebitsAsync(paid, 1);
    }

    [Fact]
    public async Task ConcurrentFullRefunds_OnlyOneGoesThrough()
    {
        var paid = await PaidAsync();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            try
            {
                return (await server.Recharges.RefundRechargeAsync(Refund(paid, $"race-{i}"))).Recharge.Status.ToString();
            }
            catch (RpcException e)
            {
                return e.GetRpcStatus()!.GetDetail<Google.Rpc.ErrorInfo>().Reason;
            }
        }));

        Assert.Single(outcomes, o => o == nameof(RechargeStatus.Refunded));
        Assert.All(outcomes.Where(o => o != nameof(RechargeStatus.Refunded)), o =>
            Assert.Contains(o, new[] { "REFUND_IN_PROGRESS", "RECHARGE_NOT_REFUNDABLE" }));
        await DebitsAsync(paid, 1);
    }

    [Fact]
    public async Task FailedRecharge_IsNotRefundable()
    {
        var failed = (await server.Recharges.CreateRechargeAsync(Requests.Create("sandbox_decline_card_declined"))).Recharge;

        await RpcAssert.FailsWith(StatusCode.FailedPrecondition, "RECHARGE_NOT_REFUNDABLE", () =>
            server.Recharges.RefundRechargeAsync(Refund(failed, "x")).ResponseAsync);
    }

    [Theory]
    [InlineData("", "reason")]
    [InlineData("x", "amount.minor_units")]
    public async Task BadRefundRequest_IsInvalidArgument(string reason, string field)
    {
        var request = new RefundRechargeRequest
        {
            IdempotencyKey = "k",
            RechargeId = "rch_00" + new string('0', 32),
            Reason = reason,
            Amount = new Money { Currency = "USD", MinorUnits = field == "amount.minor_units" ? -5 : 5 },
        };

        var status = await RpcAssert.FailsWith(StatusCode.InvalidArgument, "VALIDATION_FAILED", () =>
            server.Recharges.RefundRechargeAsync(request).ResponseAsync);

        Assert.Equal([field], RpcAssert.ViolatedFields(status));
    }

    private async Task<Recharge> PaidAsync() => (await server.Recharges.CreateRechargeAsync(Requests.Create())).Recharge;

    private static RefundRechargeRequest Refund(Recharge recharge, string key, long? amount = null) => new()
    {
        IdempotencyKey = key,
        RechargeId = recharge.RechargeId,
        Reason = "customer asked",
        Amount = amount is { } minor ? new Money { Currency = recharge.Amount.Currency, MinorUnits = minor } : null,
    };

    /// <summary>Waits for the expected number of debits of the recharge, then for a quiet outbox: no more arrive.</summary>
    private async Task<IReadOnlyList<PaymentCore.Recharges.OutboxEvent>> DebitsAsync(Recharge recharge, int expected)
    {
        bool IsDebit(PaymentCore.Recharges.OutboxEvent e) =>
            e.RechargeId == recharge.RechargeId && e.Type == PaymentCore.Recharges.CoinEventType.Debit;
        await server.Wallet.WaitForAsync(events => events.Count(IsDebit) >= expected);
        await server.QuietAsync();
        var debits = server.Wallet.Received.Where(IsDebit).ToList();
        Assert.Equal(expected, debits.Count);
        return debits;
    }
}

/// <summary>The suite on the in-memory store (the embedded default).</summary>
public sealed class RefundInMemoryTests(PaymentCoreServer server) : RefundTests(server), IClassFixture<PaymentCoreServer>;

/// <summary>The suite on Redis.</summary>
public sealed class RefundRedisTests(RedisApiServer redis) : RefundTests(redis.Server), IClassFixture<RedisApiServer>;
