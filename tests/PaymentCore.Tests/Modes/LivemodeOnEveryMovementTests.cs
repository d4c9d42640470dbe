using PaymentCore.Api.V1;
using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.Modes;

/// <summary>
/// Every recharge, every wallet event (credit and debit) and every audit entry says which mode it
/// belongs to: test mode (the default, paying with the Sandbox) and live mode (paying by card
/// through Stripe with a live key).
/// </summary>
public sealed class LivemodeOnEveryMovementTests(LiveModeHost live, PaymentCoreServer test)
    : IClassFixture<LiveModeHost>, IClassFixture<PaymentCoreServer>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RechargeRefundWalletEventsAndAudit_AllCarryTheDeploymentsMode(bool livemode)
    {
        var server = livemode ? live.Server : test;
        var request = livemode ? ModeSettings.PayByCard() : Requests.Create();

        var created = (await server.Recharges.CreateRechargeAsync(request)).Recharge;
        var replayed = (await server.Recharges.CreateRechargeAsync(request)).Recharge;
        var read = (await server.Recharges.GetRechargeAsync(new GetRechargeRequest { RechargeId = created.RechargeId })).Recharge;
        var refunded = (await server.Recharges.RefundRechargeAsync(new RefundRechargeRequest
        {
            IdempotencyKey = Guid.NewGuid().ToString(),
            RechargeId = created.RechargeId,
            Reason = "customer asked",
        })).Recharge;
        var listed = (await server.Recharges.ListRechargesAsync(new ListRechargesRequest { UserId = request.UserId, PageSize = 10 })).Recharges;

        Assert.Equal(RechargeStatus.Succeeded, created.Status);
        Assert.Equal(RechargeStatus.Refunded, refunded.Status);
        Assert.All(new Recharge[] { created, replayed, read, refunded, Assert.Single(listed) }, r => Assert.Equal(livemode, r.Livemode));

        var events = await server.Wallet.WaitForAsync(received => received.Count(e => e.RechargeId == created.RechargeId) == 2);
        var movements = events.Where(e => e.RechargeId == created.RechargeId).ToList();
        Assert.Equal(["credit", "debit"], movements.Select(e => e.Type.ToString().ToLowerInvariant()).Order());
        Assert.All(movements, e => Assert.Equal(livemode, e.Livemode));

        var audit = (await server.Admin.ListAuditEntriesAsync(new ListAuditEntriesRequest { PageSize = 500 })).Entries
            .Where(e => e.RechargeId == created.RechargeId)
            .ToList();
        Assert.Contains(audit, e => e.Action.EndsWith("/CreateRecharge", StringComparison.Ordinal));
        Assert.Contains(audit, e => e.Action.StartsWith("transition:", StringComparison.Ordinal));
        Assert.All(audit, e => Assert.Equal(livemode, e.Livemode));
    }

    [Fact]
    public async Task VoucherBatch_SaysTheModeItWasIssuedIn()
    {
        var liveBatch = (await live.Server.Admin.IssueVouchersAsync(Requests.IssueVouchers(count: 1))).Batch;
        var testBatch = (await test.Admin.IssueVouchersAsync(Requests.IssueVouchers(count: 1))).Batch;

        Assert.True(liveBatch.Livemode);
        Assert.False(testBatch.Livemode);
    }
}
