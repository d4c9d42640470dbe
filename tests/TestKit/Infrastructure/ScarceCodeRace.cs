using Grpc.Core;
using PaymentCore.Api.V1;

namespace PaymentCore.Tests.Infrastructure;

/// <summary>
/// 100 users, each holding a quote with the scarce code of <see cref="TestCatalogs.Shop"/>, buy at
/// the same moment: exactly the cap of them pay the discounted price, the rest are refused before
/// any charge with PROMOTION_EXHAUSTED.
/// </summary>
public static class ScarceCodeRace
{
    public static async Task RunAsync(PaymentCoreServer server)
    {
        var users = Enumerable.Range(0, 100).Select(_ => Requests.NewUser("racer")).ToList();
        var quotes = await Task.WhenAll(users.Select(async user =>
            (user, (await server.Recharges.QuoteRechargeAsync(Requests.Quote(user, promoCode: TestCatalogs.ScarceCode))).Quote)));
        var chargesBefore = server.Sandbox.ChargeCount;

        var outcomes = await Task.WhenAll(quotes.Select(async q =>
        {
            try
            {
                return (await server.Recharges.CreateRechargeAsync(Requests.BuyQuote(q.Quote.QuoteId, q.user))).Recharge.Status.ToString();
            }
            catch (RpcException e)
            {
                var info = e.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>();
                return $"{info?.Reason}/{info?.Metadata.GetValueOrDefault("cap")}: {e.Status.Detail}";
            }
        }));

        Assert.All(quotes, q => Assert.Equal(399, q.Quote.Price.MinorUnits));
        Assert.Equal(TestCatalogs.ScarceCodeCap, outcomes.Count(o => o == nameof(RechargeStatus.Succeeded)));
        Assert.All(outcomes.Where(o => o != nameof(RechargeStatus.Succeeded)), o => Assert.StartsWith("PROMOTION_EXHAUSTED/total:", o, StringComparison.Ordinal));
        Assert.Equal(chargesBefore + TestCatalogs.ScarceCodeCap, server.Sandbox.ChargeCount);
    }
}
