using Microsoft.Extensions.DependencyInjection;
using PaymentCore.Api.V1;
using PaymentCore.Orchestration;
using PaymentCore.Recharges.SavedInstruments;
using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.Api;

/// <summary>
/// The save is durable with the credit, in both stores: a saving purchase records a pending save
/// before its charge; the commit that credits it (or fails it) settles it; one a crash left behind is
/// completed by the reconciler's pass, once however many passes race; one still in flight is left.
/// </summary>
public abstract class PendingSaveTests(PaymentCoreServer server)
{
    private static readonly DateTimeOffset Later = DateTimeOffset.UtcNow.AddDays(1);

    private ISavedInstrumentStore Store => server.Services.GetRequiredService<ISavedInstrumentStore>();

    private SavedInstrumentBook Book => server.Services.GetRequiredService<SavedInstrumentBook>();

    [Fact]
    public async Task CreditedPurchaseWhoseSaveWasLost_IsSavedByTheNextPass_OnceAcrossRacingPasses()
    {
        var user = NewUser();
        var saving = (await server.Recharges.CreateRechargeAsync(Requests.Saving(user, Sandbox("sandbox_ok")))).Recharge;
        var instrument = Assert.Single(await server.Recharges.SavedInstrumentsOfAsync(user));
        // What a crash right after the credit leaves: the purchase credited, its save still pending, nothing saved.
        await Store.RemoveAsync(user, instrument.InstrumentId, CancellationToken.None);
        await Store.AddPendingSaveAsync(saving.RechargeId, DateTimeOffset.UtcNow.AddMinutes(-1), CancellationToken.None);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Book.CompletePendingSavesAsync(Later, 1000))));

        var saved = Assert.Single(await server.Recharges.SavedInstrumentsOfAsync(user));
        Assert.Equal(instrument.InstrumentId, saved.InstrumentId);
        Assert.DoesNotContain(await PendingAsync(), p => p.RechargeId == saving.RechargeId);
        var audit = (await server.Admin.ListAuditEntriesAsync(new ListAuditEntriesRequest { PageSize = 500 })).Entries;
        // The purchase's own save, then the pass's: one.
        Assert.Equal(2, audit.Count(e => e.Action == "saved_instrument:saved" && e.Reason == instrument.InstrumentId));
    }

    [Fact]
    public async Task TheCommitSettlesThePendingSave_SavedOrFailed()
    {
        var saved = (await server.Recharges.CreateRechargeAsync(Requests.Saving(NewUser(), Sandbox("sandbox_ok")))).Recharge;
        var declined = (await server.Recharges.CreateRechargeAsync(Requests.Saving(NewUser(), Sandbox("sandbox_decline_card_declined")))).Recharge;

        Assert.Equal((RechargeStatus.Succeeded, RechargeStatus.Failed), (saved.Status, declined.Status));
        var pending = await PendingAsync();
        Assert.DoesNotContain(pending, p => p.RechargeId == saved.RechargeId || p.RechargeId == declined.RechargeId);
    }

    [Fact]
    public async Task APurchaseStillWaitingForThePayer_StaysPending_UntilItIsCreditedAndSaved()
    {
        var user = NewUser();
        var waiting = (await server.Recharges.CreateRechargeAsync(Requests.Saving(user, Sandbox("sandbox_3ds")))).Recharge;

        Assert.Contains(await PendingAsync(), p => p.RechargeId == waiting.RechargeId);
        await Book.CompletePendingSavesAsync(Later, 1000);
        Assert.Empty(await server.Recharges.SavedInstrumentsOfAsync(user));
        Assert.Contains(await PendingAsync(), p => p.RechargeId == waiting.RechargeId);

        await server.Recharges.ConfirmRechargeAsync(new ConfirmRechargeRequest { IdempotencyKey = "confirm", RechargeId = waiting.RechargeId });

        Assert.Single(await server.Recharges.SavedInstrumentsOfAsync(user));
        Assert.DoesNotContain(await PendingAsync(), p => p.RechargeId == waiting.RechargeId);
    }

    [Fact]
    public async Task APendingSaveOfNoRecharge_IsForgotten()
    {
        // Recorded in parallel with an attempt whose recharge was never begun (a replay, a refusal).
        var neverBegun = Recharges.RechargeId.New(NewUser(), DateTimeOffset.UtcNow);
        await Store.AddPendingSaveAsync(neverBegun, DateTimeOffset.UtcNow.AddMinutes(-1), CancellationToken.None);

        await Book.CompletePendingSavesAsync(Later, 1000);

        Assert.DoesNotContain(await PendingAsync(), p => p.RechargeId == neverBegun);
    }

    private Task<IReadOnlyList<PendingSave>> PendingAsync() => Store.ListPendingSavesAsync(Later, 1000, CancellationToken.None);

    private static PaymentMethod Sandbox(string token) => new() { Sandbox = new SandboxMethod { Token = token } };

    private static string NewUser() => Requests.NewUser("pending");
}

/// <summary>The suite on the in-memory store (the embedded default).</summary>
public sealed class PendingSaveInMemoryTests(PaymentCoreServer server) : PendingSaveTests(server), IClassFixture<PaymentCoreServer>;

/// <summary>The suite on Redis.</summary>
public sealed class PendingSaveRedisTests(RedisApiServer redis) : PendingSaveTests(redis.Server), IClassFixture<RedisApiServer>;
