using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PaymentCore.Adapters.Tests.CarrierBilling;
using PaymentCore.Api.V1;
using PaymentCore.Tests.Infrastructure;
using PaymentCore.Tests.Redis;
using PaymentCore.Tests.SavedInstruments;
using StackExchange.Redis;
using static PaymentCore.Tests.CarrierBilling.CarrierBillingHost;

namespace PaymentCore.Tests.CarrierBilling;

/// <summary>
/// A saved carrier-billing phone number through the real host on a real redis-server, against the
/// CAMARA stand-in: the repeat still asks the operator's code (unless the operator waives it), counts
/// under the original number's caps, belongs to its user only, is forgotten on delete, and the clear
/// number is in no log line and nowhere in Redis.
/// </summary>
[Collection(RedisSingleNodeCollection.Name)]
public sealed class SavedPhoneNumberTests(RedisSingleNodeFixture redis) : OperatorSuite
{
    // A number of its own, so that finding its digits anywhere means this suite put them there.
    private const string SavedPhone = "+4915187654321";
    private const string SavedDigits = "15187654321";

    private readonly RawLogs _logs = new();

    [Fact]
    public async Task SaveThenRepeat_TheOperatorAsksTheCodeAgain_ThenItSucceeds_ListedMasked_AndCreditedOnceEach()
    {
        await using var server = await StartAsync();
        var user = Requests.NewUser("phone");

        var instrument = await SaveAsync(server, user);
        var waiting = (await server.Recharges.CreateRechargeAsync(BuyWithSaved(user, instrument.InstrumentId))).Recharge;
        var paid = (await server.Recharges.ConfirmRechargeAsync(Code(waiting, CarrierBillingStub.Code))).Recharge;

        Assert.Equal((PaymentMethodType.CarrierBilling, "carrier_billing", "+***********21"), (instrument.PaymentMethodType, instrument.Gateway, instrument.Display.PhoneNumberMasked));
        Assert.Equal("Phone bill +***********21", instrument.Display.Description);
        Assert.Equal((RechargeStatus.RequiresAction, NextActionType.EnterOtp, "+***********21"), (waiting.Status, waiting.NextAction.Type, waiting.NextAction.EnterOtp.SentTo));
        Assert.Equal((instrument.InstrumentId, PaymentMethodType.CarrierBilling), (waiting.SavedInstrumentId, waiting.PaymentMethodType));
        Assert.Equal(RechargeStatus.Succeeded, paid.Status);
        // The operator was asked to bill the number itself: the sealed one opened for the prepare.
        Assert.Equal(SavedPhone, Operator.PaymentResource(paid.GatewayReference)["amountTransaction"]!["phoneNumber"]!.GetValue<string>());
        Assert.Equal(2, Operator.Operations.Count(o => o == "validatePayment"));
        await server.Wallet.WaitForAsync(events => events.Count == 2);
        await server.QuietAsync();
        Assert.Equal(2, server.Wallet.Received.Count);
        var listed = Assert.Single(await server.Recharges.SavedInstrumentsOfAsync(user));
        Assert.NotNull(listed.LastUsedAt);
    }

    [Fact]
    public async Task Repeat_WhenTheOperatorWaivesTheCode_SucceedsInOneCall()
    {
        await using var server = await StartAsync();
        var user = Requests.NewUser("phone");
        var instrument = await SaveAsync(server, user);
        Operator.ValidationAction = null;

        var paid = (await server.Recharges.CreateRechargeAsync(BuyWithSaved(user, instrument.InstrumentId))).Recharge;

        Assert.Equal(RechargeStatus.Succeeded, paid.Status);
        Assert.Single(Operator.Operations, o => o == "validatePayment");
    }

    [Fact]
    public async Task Repeats_CountUnderTheOriginalNumbersCaps_PerPurchaseAndThirtyDays()
    {
        await using var server = await StartAsync();
        var user = Requests.NewUser("phone");
        var instrument = await SaveAsync(server, user, coins: 4500);
        var overPurchase = await Assert.ThrowsAsync<RpcException>(() => server.Recharges.CreateRechargeAsync(BuyWithSaved(user, instrument.InstrumentId, package: "coins_6500")).ResponseAsync);

        // 49.05 EUR each: the saving purchase and four more with the number typed in, then one with the
        // saved number fit in EUR 300 per 30 days; the next saved one does not, as the number's own would not.
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(RechargeStatus.RequiresAction, (await server.Recharges.CreateRechargeAsync(Custom(Buy(SavedPhone, user: Requests.NewUser("other")), 4500))).Recharge.Status);
        }

        var fits = (await server.Recharges.CreateRechargeAsync(Custom(BuyWithSaved(user, instrument.InstrumentId), 4500))).Recharge;
        var over30d = await Assert.ThrowsAsync<RpcException>(() => server.Recharges.CreateRechargeAsync(Custom(BuyWithSaved(user, instrument.InstrumentId), 4500)).ResponseAsync);

        Assert.Equal(RechargeStatus.RequiresAction, fits.Status);
        Assert.Equal("carrier_amount_30d", LimitOf(over30d));
        Assert.Equal("carrier_amount_per_purchase", LimitOf(overPurchase));
    }

    [Fact]
    public async Task AnotherUsersInstrument_IsNotFound_AndADeletedOne_IsRefused_AndGoneFromRedis()
    {
        await using var server = await StartAsync();
        var user = Requests.NewUser("phone");
        var instrument = await SaveAsync(server, user);

        var stranger = await Assert.ThrowsAsync<RpcException>(() => server.Recharges.CreateRechargeAsync(BuyWithSaved(Requests.NewUser("stranger"), instrument.InstrumentId)).ResponseAsync);
        await server.Recharges.DeleteSavedInstrumentAsync(new DeleteSavedInstrumentRequest { UserId = user, InstrumentId = instrument.InstrumentId });
        var deleted = await Assert.ThrowsAsync<RpcException>(() => server.Recharges.CreateRechargeAsync(BuyWithSaved(user, instrument.InstrumentId)).ResponseAsync);

        Assert.Equal((StatusCode.NotFound, "SAVED_INSTRUMENT_NOT_FOUND"), (stranger.StatusCode, Reason(stranger)));
        Assert.Equal((StatusCode.NotFound, "SAVED_INSTRUMENT_NOT_FOUND"), (deleted.StatusCode, Reason(deleted)));
        Assert.Empty(await server.Recharges.SavedInstrumentsOfAsync(user));
        Assert.DoesNotContain(await RedisTextAsync(), instrument.InstrumentId, StringComparison.Ordinal);
        Assert.Single(Operator.Operations, o => o == "preparePayment");
    }

    [Fact]
    public async Task DuplicateStorm_OnASavedNumber_PreparesOnce_ConfirmsOnce_CreditsOnce()
    {
        await using var server = await StartAsync();
        var user = Requests.NewUser("phone");
        var instrument = await SaveAsync(server, user);
        var create = BuyWithSaved(user, instrument.InstrumentId);

        var created = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => AnswerOf(() => server.Recharges.CreateRechargeAsync(create).ResponseAsync, r => r.Recharge)));
        var waiting = Assert.Single(created.OfType<Recharge>().DistinctBy(r => r.RechargeId));
        var confirm = Code(waiting, CarrierBillingStub.Code);
        var confirmed = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => AnswerOf(() => server.Recharges.ConfirmRechargeAsync(confirm).ResponseAsync, r => r.Recharge)));

        Assert.All(created.OfType<string>(), reason => Assert.Equal("IDEMPOTENCY_IN_PROGRESS", reason));
        Assert.All(confirmed.OfType<Recharge>(), r => Assert.Equal(RechargeStatus.Succeeded, r.Status));
        Assert.Equal(2, Operator.Operations.Count(o => o == "preparePayment"));
        Assert.Equal(2, Operator.Operations.Count(o => o == "confirmPayment"));
        await server.Wallet.WaitForAsync(events => events.Count == 2);
        await server.QuietAsync();
        Assert.Single(server.Wallet.Received, e => e.RechargeId == waiting.RechargeId);
    }

    [Fact]
    public async Task TheClearNumber_IsInNoLogLine_AndNowhereInRedis_TheSavedDocumentHoldsItSealed()
    {
        await using var server = await StartAsync();
        var user = Requests.NewUser("phone");
        var instrument = await SaveAsync(server, user);
        var waiting = (await server.Recharges.CreateRechargeAsync(BuyWithSaved(user, instrument.InstrumentId))).Recharge;
        await server.Recharges.ConfirmRechargeAsync(Code(waiting, CarrierBillingStub.Code));
        await server.QuietAsync();

        var redisText = await RedisTextAsync();
        var document = await SavedDocumentAsync(user, instrument.InstrumentId);

        Assert.Contains("\"sealed:v1:", document, StringComparison.Ordinal);
        Assert.Contains("***********21", document, StringComparison.Ordinal);
        Assert.DoesNotContain(SavedDigits, document, StringComparison.Ordinal);
        Assert.DoesNotContain(SavedDigits, redisText, StringComparison.Ordinal);
        Assert.DoesNotContain(SavedDigits, _logs.Text, StringComparison.Ordinal);
        Assert.Contains(instrument.InstrumentId, _logs.Text, StringComparison.Ordinal);
    }

    /// <summary>Buys once with the saved phone number typed in and "save", types the code, and answers the instrument it saved.</summary>
    private async Task<SavedInstrument> SaveAsync(PaymentCoreServer server, string user, long? coins = null)
    {
        var request = Buy(SavedPhone, user: user);
        request.SaveInstrument = new SaveInstrument { ConsentVersion = Requests.SaveConsent };
        if (coins is { } custom)
        {
            Custom(request, custom);
        }

        var waiting = (await server.Recharges.CreateRechargeAsync(request)).Recharge;
        var paid = (await server.Recharges.ConfirmRechargeAsync(Code(waiting, CarrierBillingStub.Code))).Recharge;
        Assert.Equal(RechargeStatus.Succeeded, paid.Status);
        // Saved by the commit that credited the purchase, before ConfirmRecharge answered.
        return Assert.Single(await server.Recharges.SavedInstrumentsOfAsync(user));
    }

    private Task<PaymentCoreServer> StartAsync() =>
        PaymentCoreServer.StartAsync(RedisSettings.For(redis.Configuration).WithOperator(Operator), services => services.AddSingleton<ILoggerProvider>(_logs));

    /// <summary>Every key and value in the Redis (strings, hashes, lists, sets, sorted sets, streams) as one text.</summary>
    private async Task<string> RedisTextAsync()
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var db = connection.GetDatabase();
        var text = new System.Text.StringBuilder();
        foreach (var key in connection.GetServer(redis.Configuration).Keys(pattern: "*", pageSize: 1000))
        {
            text.Append((string)key!).Append(' ');
            var values = await db.KeyTypeAsync(key) switch
            {
                RedisType.String => [(string)(await db.StringGetAsync(key))!],
                RedisType.Hash => (await db.HashGetAllAsync(key)).Select(e => $"{e.Name}={e.Value}"),
                RedisType.List => (await db.ListRangeAsync(key)).Select(v => (string)v!),
                RedisType.Set => (await db.SetMembersAsync(key)).Select(v => (string)v!),
                RedisType.SortedSet => (await db.SortedSetRangeByRankAsync(key)).Select(v => (string)v!),
                RedisType.Stream => (await db.StreamRangeAsync(key)).SelectMany(e => e.Values.Select(v => $"{v.Name}={v.Value}")),
                _ => Enumerable.Empty<string>(),
            };
            text.AppendJoin('\n', values).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The saved instrument's stored document: the field of the user's saved-instruments hash named by its id.</summary>
    private async Task<string> SavedDocumentAsync(string user, string instrumentId)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var key = connection.GetServer(redis.Configuration).Keys(pattern: $"*:si:{user}").Single();
        return (string)(await connection.GetDatabase().HashGetAsync(key, instrumentId))!;
    }

    private static CreateRechargeRequest Custom(CreateRechargeRequest request, long coins)
    {
        request.CustomCoins = coins;
        request.Risk = new RiskContext { VerificationLevel = VerificationLevel.Verified };
        return request;
    }

    private static string LimitOf(RpcException refused) => refused.GetRpcStatus()!.GetDetail<Google.Rpc.ErrorInfo>().Metadata["limit"];

    private static string Reason(RpcException refused) => refused.GetRpcStatus()!.GetDetail<Google.Rpc.ErrorInfo>().Reason;

    /// <summary>The answer of one call of a storm: its recharge, or the reason it was turned away.</summary>
    private static async Task<object> AnswerOf<T>(Func<Task<T>> call, Func<T, Recharge> recharge)
    {
        try
        {
            return recharge(await call());
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Aborted)
        {
            return Reason(e);
        }
    }
}
