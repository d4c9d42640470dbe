using Grpc.Core;
using PaymentCore.Api.V1;
using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.Api;

/// <summary>Saved instruments with the Sandbox, end to end through gRPC on the real host: save, list, pay again, delete.</summary>
public abstract class SavedInstrumentTests(PaymentCoreServer server)
{
    [Fact]
    public async Task SaveThenRepeat_ChargesInOneCallWithoutRedirect()
    {
        var user = NewUser();
        var instrument = await SaveAsync(user, "sandbox_ok");

        var repeat = (await server.Recharges.CreateRechargeAsync(Requests.PayWithSaved(user, instrument.InstrumentId))).Recharge;

        Assert.Equal(RechargeStatus.Succeeded, repeat.Status);
        Assert.Null(repeat.NextAction);
        Assert.Equal(PaymentMethodType.Sandbox, repeat.PaymentMethodType);
        Assert.Equal(instrument.InstrumentId, repeat.SavedInstrumentId);
        var listed = Assert.Single(await server.Recharges.SavedInstrumentsOfAsync(user));
        Assert.NotNull(listed.LastUsedAt);
        await server.Wallet.WaitForAsync(received => received.Any(e => e.RechargeId == repeat.RechargeId));
    }

    [Fact]
    public async Task List_ShowsWhatTheUserRecognisesAndTheConsent()
    {
        var user = NewUser();
        var saving = (await server.Recharges.CreateRechargeAsync(Requests.Saving(user, Sandbox("sandbox_ok")))).Recharge;

        var listed = Assert.Single(await server.Recharges.SavedInstrumentsOfAsync(user));

        Assert.Matches("^si_[0-9a-f]{32}$", listed.InstrumentId);
        Assert.Equal(PaymentMethodType.Sandbox, listed.PaymentMethodType);
        Assert.Equal("sandbox", listed.Gateway);
        Assert.Equal("Visa ending 4242, expires 12/2034", listed.Display.Description);
        Assert.Equal(("visa", "4242", 12, 2034), (listed.Display.CardBrand, listed.Display.CardLast4, listed.Display.CardExpMonth, listed.Display.CardExpYear));
        Assert.True(listed.Usable);
        Assert.Equal(Requests.SaveConsent, listed.ConsentVersion);
        Assert.Equal(saving.CreatedAt, listed.ConsentedAt);
        Assert.NotNull(listed.CreatedAt);
        Assert.Null(listed.LastUsedAt);
        Assert.Empty(saving.SavedInstrumentId);
    }

    [Fact]
    public async Task SaveAfterThreeDSecure_SavedWhenConfirmedAndRepeatNeedsNoChallenge()
    {
        var user = NewUser();
        var created = (await server.Recharges.CreateRechargeAsync(Requests.Saving(user, Sandbox("sandbox_3ds")))).Recharge;
        Assert.Equal(RechargeStatus.RequiresAction, created.Status);
        Assert.Empty(await server.Recharges.SavedInstrumentsOfAsync(user));

        await server.Recharges.ConfirmRechargeAsync(new ConfirmRechargeRequest { IdempotencyKey = "confirm", RechargeId = created.RechargeId });
        var instrument = Assert.Single(await server.Recharges.SavedInstrumentsOfAsync(user));
        var repeat = (await server.Recharges.CreateRechargeAsync(Requests.PayWithSaved(user, instrument.InstrumentId))).Recharge;

        Assert.Equal(RechargeStatus.Succeeded, repeat.Status);
    }

    [Fact]
    public async Task Repeat_RequiringAuthentication_AsksForActionThenConfirmSucceeds()
    {
        var user = NewUser();
        var instrument = await SaveAsync(user, "sandbox_3ds_on_repeat");

        var repeat = (await server.Recharges.CreateRechargeAsync(Requests.PayWithSaved(user, instrument.InstrumentId))).Recharge;
        Assert.Equal(RechargeStatus.RequiresAction, repeat.Status);
        Assert.Equal(NextActionType.RedirectToUrl, repeat.NextAction.Type);
        var confirmed = (await server.Recharges.ConfirmRechargeAsync(new ConfirmRechargeRequest { IdempotencyKey = "c", RechargeId = repeat.RechargeId })).Recharge;

        Assert.Equal(RechargeStatus.Succeeded, confirmed.Status);
        Assert.NotNull(Assert.Single(await server.Recharges.SavedInstrumentsOfAsync(user)).LastUsedAt);
    }

    [Fact]
    public async Task DeleteThenPay_IsRefusedAndNothingIsCharged()
    {
        var user = NewUser();
        var instrument = await SaveAsync(user, "sandbox_ok");

        var deleted = (await server.Recharges.DeleteSavedInstrumentAsync(new DeleteSavedInstrumentRequest { UserId = user, InstrumentId = instrument.InstrumentId })).Instrument;

        Assert.Equal(instrument.InstrumentId, deleted.InstrumentId);
        Assert.Empty(await server.Recharges.SavedInstrumentsOfAsync(user));
        await RpcAssert.FailsWith(StatusCode.NotFound, "SAVED_INSTRUMENT_NOT_FOUND", () =>
            server.Recharges.CreateRechargeAsync(Requests.PayWithSaved(user, instrument.InstrumentId)).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.NotFound, "SAVED_INSTRUMENT_NOT_FOUND", () =>
            server.Recharges.DeleteSavedInstrumentAsync(new DeleteSavedInstrumentRequest { UserId = user, InstrumentId = instrument.InstrumentId }).ResponseAsync);
        Assert.Single((await server.Recharges.ListRechargesAsync(new ListRechargesRequest { UserId = user })).Recharges);
    }

    [Fact]
    public async Task AnotherUsersInstrument_IsNotFoundForPayingAndDeleting()
    {
        var owner = NewUser();
        var intruder = NewUser();
        var instrument = await SaveAsync(owner, "sandbox_ok");

        await RpcAssert.FailsWith(StatusCode.NotFound, "SAVED_INSTRUMENT_NOT_FOUND", () =>
            server.Recharges.CreateRechargeAsync(Requests.PayWithSaved(intruder, instrument.InstrumentId)).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.NotFound, "SAVED_INSTRUMENT_NOT_FOUND", () =>
            server.Recharges.DeleteSavedInstrumentAsync(new DeleteSavedInstrumentRequest { UserId = intruder, InstrumentId = instrument.InstrumentId }).ResponseAsync);

        Assert.Empty(await server.Recharges.SavedInstrumentsOfAsync(intruder));
        Assert.Single(await server.Recharges.SavedInstrumentsOfAsync(owner));
        Assert.Empty((await server.Recharges.ListRechargesAsync(new ListRechargesRequest { UserId = intruder })).Recharges);
    }

    [Fact]
    public async Task DuplicateStormOnSavedInstrumentRecharge_ChargesOnce()
    {
        var user = NewUser();
        var instrument = await SaveAsync(user, "sandbox_ok");
        var request = Requests.PayWithSaved(user, instrument.InstrumentId);
        var chargesBefore = server.Sandbox.ChargeCount;

        var attempts = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
        {
            try
            {
                return (await server.Recharges.CreateRechargeAsync(request)).Recharge.RechargeId;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Aborted)
            {
                return null;
            }
        }));

        var rechargeId = Assert.Single(attempts.OfType<string>().Distinct());
        Assert.Equal(chargesBefore + 1, server.Sandbox.ChargeCount);
        Assert.Equal(2, (await server.Recharges.ListRechargesAsync(new ListRechargesRequest { UserId = user })).Recharges.Count);
        await server.Wallet.WaitForAsync(received => received.Any(e => e.RechargeId == rechargeId));
        await server.QuietAsync();
        Assert.Single(server.Wallet.For(rechargeId));
    }

    [Fact]
    public async Task DuplicateStormOnSavingRecharge_SavesOnce()
    {
        var user = NewUser();
        var request = Requests.Saving(user, Sandbox("sandbox_ok"));

        await Task.WhenAll(Enumerable.Range(0, 30).Select(async _ =>
        {
            try
            {
                await server.Recharges.CreateRechargeAsync(request);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Aborted)
            {
            }
        }));
        await server.Recharges.CreateRechargeAsync(request);

        Assert.Single(await server.Recharges.SavedInstrumentsOfAsync(user));
    }

    [Fact]
    public async Task ExpiredOnRepeat_FailsWithClearCodeAndTheInstrumentBecomesUnusable()
    {
        var user = NewUser();
        var instrument = await SaveAsync(user, "sandbox_expired_on_repeat");

        var repeat = (await server.Recharges.CreateRechargeAsync(Requests.PayWithSaved(user, instrument.InstrumentId))).Recharge;

        Assert.Equal(RechargeStatus.Failed, repeat.Status);
        Assert.Equal("expired_card", repeat.Failure.Code);
        var listed = Assert.Single(await server.Recharges.SavedInstrumentsOfAsync(user));
        Assert.False(listed.Usable);
        Assert.Equal("expired_card", listed.UnusableReason);
        var refused = await RpcAssert.FailsWith(StatusCode.FailedPrecondition, "SAVED_INSTRUMENT_UNUSABLE", () =>
            server.Recharges.CreateRechargeAsync(Requests.PayWithSaved(user, instrument.InstrumentId)).ResponseAsync);
        Assert.Contains("expired_card", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryUse_IsInTheAuditTrail()
    {
        var user = NewUser();
        var instrument = await SaveAsync(user, "sandbox_ok");
        var first = (await server.Recharges.CreateRechargeAsync(Requests.PayWithSaved(user, instrument.InstrumentId))).Recharge;
        var second = (await server.Recharges.CreateRechargeAsync(Requests.PayWithSaved(user, instrument.InstrumentId))).Recharge;

        var entries = (await server.Admin.ListAuditEntriesAsync(new ListAuditEntriesRequest { PageSize = 500 })).Entries;

        var uses = entries.Where(e => e.Action == "saved_instrument:charged" && e.Reason == instrument.InstrumentId).Select(e => e.RechargeId).ToList();
        Assert.Equal([second.RechargeId, first.RechargeId], uses);
        Assert.Contains(entries, e => e.Action == "saved_instrument:saved" && e.Reason == instrument.InstrumentId);
    }

    [Theory]
    [InlineData("si_", "payment_method.saved.instrument_id")]
    [InlineData("SI_0123456789abcdef0123456789ABCDEF", "payment_method.saved.instrument_id")]
    [InlineData("", "payment_method.saved.instrument_id")]
    public async Task PayWithMalformedInstrumentId_IsInvalidArgument(string instrumentId, string field)
    {
        var status = await RpcAssert.FailsWith(StatusCode.InvalidArgument, "VALIDATION_FAILED", () =>
            server.Recharges.CreateRechargeAsync(Requests.PayWithSaved(NewUser(), instrumentId)).ResponseAsync);

        Assert.Contains(field, RpcAssert.ViolatedFields(status));
    }

    [Fact]
    public async Task SaveRequests_AreValidated()
    {
        var noVersion = Requests.Saving(NewUser(), Sandbox("sandbox_ok"));
        noVersion.SaveInstrument.ConsentVersion = string.Empty;
        var tooLong = Requests.Saving(NewUser(), Sandbox("sandbox_ok"));
        tooLong.SaveInstrument.ConsentVersion = new string('v', 65);
        var savedAgain = Requests.PayWithSaved(NewUser(), "si_0123456789abcdef0123456789abcdef");
        savedAgain.SaveInstrument = new SaveInstrument { ConsentVersion = Requests.SaveConsent };
        var voucher = Requests.BuyWithVoucher("ABCD-EFGH-JKLM");
        voucher.SaveInstrument = new SaveInstrument { ConsentVersion = Requests.SaveConsent };

        foreach (var (request, field) in new[]
        {
            (noVersion, "save_instrument.consent_version"),
            (tooLong, "save_instrument.consent_version"),
            (savedAgain, "save_instrument"),
            (voucher, "save_instrument"),
        })
        {
            var status = await RpcAssert.FailsWith(StatusCode.InvalidArgument, "VALIDATION_FAILED", () => server.Recharges.CreateRechargeAsync(request).ResponseAsync);
            Assert.Equal([field], RpcAssert.ViolatedFields(status));
        }
    }

    [Fact]
    public async Task ListAndDelete_ValidateTheirFields()
    {
        var list = await RpcAssert.FailsWith(StatusCode.InvalidArgument, "VALIDATION_FAILED", () =>
            server.Recharges.ListSavedInstrumentsAsync(new ListSavedInstrumentsRequest { UserId = "no spaces" }).ResponseAsync);
        var delete = await RpcAssert.FailsWith(StatusCode.InvalidArgument, "VALIDATION_FAILED", () =>
            server.Recharges.DeleteSavedInstrumentAsync(new DeleteSavedInstrumentRequest { InstrumentId = "pm_card_visa" }).ResponseAsync);

        Assert.Equal(["user_id"], RpcAssert.ViolatedFields(list));
        Assert.Equal(["user_id", "instrument_id"], RpcAssert.ViolatedFields(delete));
    }

    private static PaymentMethod Sandbox(string token) => new() { Sandbox = new SandboxMethod { Token = token } };

    private static string NewUser() => "saver-" + Guid.NewGuid().ToString("N")[..12];

    private async Task<SavedInstrument> SaveAsync(string user, string token)
    {
        var saving = (await server.Recharges.CreateRechargeAsync(Requests.Saving(user, Sandbox(token)))).Recharge;
        Assert.Equal(RechargeStatus.Succeeded, saving.Status);
        return Assert.Single(await server.Recharges.SavedInstrumentsOfAsync(user));
    }
}

/// <summary>The suite on the in-memory store (the embedded default).</summary>
public sealed class SavedInstrumentInMemoryTests(PaymentCoreServer server) : SavedInstrumentTests(server), IClassFixture<PaymentCoreServer>;

/// <summary>The suite on Redis.</summary>
public sealed class SavedInstrumentRedisTests(RedisApiServer redis) : SavedInstrumentTests(redis.Server), IClassFixture<RedisApiServer>;
