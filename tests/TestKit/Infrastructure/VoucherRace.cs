using PaymentCore.Api.V1;

namespace PaymentCore.Tests.Infrastructure;

/// <summary>
/// 100 users pay with the same voucher code at the same moment through CreateRecharge: exactly one
/// recharge succeeds, every other one is declined as "voucher_used", and one credit goes out.
/// The users are verified, so no velocity limit stops an attempt before the voucher ledger.
/// </summary>
public static class VoucherRace
{
    public static async Task RunAsync(PaymentCoreServer server)
    {
        var code = (await server.Admin.IssueVouchersAsync(Requests.IssueVouchers(count: 1))).Codes[0];
        var requests = Enumerable.Range(0, 100).Select(_ =>
        {
            var request = Requests.BuyWithVoucher(code);
            request.Risk = new RiskContext { VerificationLevel = VerificationLevel.Verified };
            return request;
        }).ToList();

        var recharges = await Task.WhenAll(requests.Select(async r => (await server.Recharges.CreateRechargeAsync(r)).Recharge));

        var paid = Assert.Single(recharges, r => r.Status == RechargeStatus.Succeeded);
        Assert.All(recharges.Where(r => r != paid), r => Assert.Equal((RechargeStatus.Failed, "voucher_used"), (r.Status, r.Failure.Code)));
        await server.Wallet.WaitForAsync(events => events.Any(e => e.RechargeId == paid.RechargeId));
        await server.QuietAsync();
        var ids = recharges.Select(r => r.RechargeId).ToHashSet();
        Assert.Single(server.Wallet.Received, e => ids.Contains(e.RechargeId));
    }
}
