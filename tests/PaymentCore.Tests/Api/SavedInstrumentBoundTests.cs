using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using PaymentCore.Recharges.SavedInstruments;
using PaymentCore.Api.V1;
using PaymentCore.Tests.Infrastructure;
using PaymentCore.Tests.Redis;
using SavedInstrumentRecord = PaymentCore.Recharges.SavedInstruments.SavedInstrument;

namespace PaymentCore.Tests.Api;

/// <summary>
/// A user keeps at most SavedInstruments:MaxPerUser saved instruments, in both stores: one more is
/// refused before anything is charged; purchases racing for the last place save exactly one (the
/// others stand, paid and unsaved); deleting one makes room again. Nothing is replaced behind the user's back.
/// </summary>
public abstract class SavedInstrumentBoundTests
{
    private const int MaxPerUser = 3;

    protected abstract Dictionary<string, string?> Store();

    [Fact]
    public async Task AtTheBound_OneMoreIsRefusedBeforeTheCharge_AndDeletingOneMakesRoom()
    {
        await using var server = await StartAsync();
        var user = Requests.NewUser("bound");
        for (var i = 0; i < MaxPerUser; i++)
        {
            Assert.Equal(RechargeStatus.Succeeded, (await server.Recharges.CreateRechargeAsync(Saving(user))).Recharge.Status);
        }

        var charges = server.Sandbox.ChargeCount;
        var refused = await RpcAssert.FailsWith(StatusCode.FailedPrecondition, "SAVED_INSTRUMENTS_LIMIT_REACHED", () =>
            server.Recharges.CreateRechargeAsync(Saving(user)).ResponseAsync);
        Assert.Equal(charges, server.Sandbox.ChargeCount);
        Assert.Equal("3", refused.GetDetail<Google.Rpc.ErrorInfo>().Metadata["max_per_user"]);
        var kept = await server.Recharges.SavedInstrumentsOfAsync(user);
        Assert.Equal(MaxPerUser, kept.Count);

        await server.Recharges.DeleteSavedInstrumentAsync(new DeleteSavedInstrumentRequest { UserId = user, InstrumentId = kept[^1].InstrumentId });
        var again = (await server.Recharges.CreateRechargeAsync(Saving(user))).Recharge;

        Assert.Equal(RechargeStatus.Succeeded, again.Status);
        var now = await server.Recharges.SavedInstrumentsOfAsync(user);
        Assert.Equal(MaxPerUser, now.Count);
        Assert.DoesNotContain(now, i => i.InstrumentId == kept[^1].InstrumentId);
    }

    [Fact]
    public async Task RacingForTheLastPlace_SavesExactlyOne_TheOthersStandPaidAndUnsaved()
    {
        await using var server = await StartAsync();
        var user = Requests.NewUser("bound");
        for (var i = 0; i < MaxPerUser - 1; i++)
        {
            await server.Recharges.CreateRechargeAsync(Saving(user));
        }

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => AnswerOf(server, Saving(user))));

        var kept = await server.Recharges.SavedInstrumentsOfAsync(user);
        Assert.Equal(MaxPerUser, kept.Count);
        var paid = answers.OfType<Recharge>().ToList();
        Assert.NotEmpty(paid);
        Assert.All(paid, r => Assert.Equal(RechargeStatus.Succeeded, r.Status));
        Assert.All(answers.OfType<string>(), reason => Assert.Equal("SAVED_INSTRUMENTS_LIMIT_REACHED", reason));
        Assert.Single(paid, r => kept.Any(i => i.InstrumentId == SavedIdOf(r)));
        var audit = (await server.Admin.ListAuditEntriesAsync(new ListAuditEntriesRequest { PageSize = 500 })).Entries;
        Assert.Equal(paid.Count - 1, audit.Count(e => e.Action == "saved_instrument:not_saved" && paid.Any(r => r.RechargeId == e.RechargeId)));
    }

    [Fact]
    public async Task TheStoresBound_HoldsUnderConcurrentAdds_ExactlyTheBoundIsAdded()
    {
        await using var server = await StartAsync();
        var store = server.Services.GetRequiredService<ISavedInstrumentStore>();
        var user = Requests.NewUser("bound");
        var template = (await SavedOneAsync(server, store)) with { UserId = user };

        var adds = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => store.AddAsync(
            template with { InstrumentId = SavedInstrumentId.For($"race-{user}-{i}") }, MaxPerUser, CancellationToken.None))));

        Assert.Equal(MaxPerUser, adds.Count(a => a == SavedInstrumentAdd.Added));
        Assert.Equal(16 - MaxPerUser, adds.Count(a => a == SavedInstrumentAdd.LimitReached));
        Assert.Equal(MaxPerUser, (await store.ListAsync(user, CancellationToken.None)).Count);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    public async Task AnOutOfRangeBound_IsRefusedAtStart_NamingTheField(string max)
    {
        var settings = Store();
        settings["SavedInstruments:MaxPerUser"] = max;

        var refused = await Assert.ThrowsAnyAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => PaymentCoreServer.StartAsync(settings));

        Assert.Contains($"SavedInstruments:MaxPerUser: must be between 1 and 100, not {max}", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>A saved instrument as the host stores it, to copy under other ids.</summary>
    private static async Task<SavedInstrumentRecord> SavedOneAsync(PaymentCoreServer server, ISavedInstrumentStore store)
    {
        var user = Requests.NewUser("bound");
        await server.Recharges.CreateRechargeAsync(Saving(user));
        return Assert.Single(await store.ListAsync(user, CancellationToken.None));
    }

    private async Task<PaymentCoreServer> StartAsync()
    {
        var settings = Store();
        settings["SavedInstruments:MaxPerUser"] = MaxPerUser.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await PaymentCoreServer.StartAsync(settings);
    }

    /// <summary>The id a saving recharge's instrument is saved under (derived from the recharge, as the host derives it).</summary>
    private static string SavedIdOf(Recharge recharge) => SavedInstrumentId.For(recharge.RechargeId);

    private static CreateRechargeRequest Saving(string user) =>
        Requests.Saving(user, new PaymentMethod { Sandbox = new SandboxMethod { Token = "sandbox_ok" } });

    private static async Task<object> AnswerOf(PaymentCoreServer server, CreateRechargeRequest request)
    {
        try
        {
            return (await server.Recharges.CreateRechargeAsync(request)).Recharge;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition)
        {
            return e.GetRpcStatus()!.GetDetail<Google.Rpc.ErrorInfo>().Reason;
        }
    }
}

/// <summary>The bound on the in-memory store (the embedded default).</summary>
public sealed class SavedInstrumentBoundInMemoryTests : SavedInstrumentBoundTests
{
    protected override Dictionary<string, string?> Store() => [];
}

/// <summary>The bound on Redis (save_instrument.lua).</summary>
[Collection(RedisSingleNodeCollection.Name)]
public sealed class SavedInstrumentBoundRedisTests(RedisSingleNodeFixture redis) : SavedInstrumentBoundTests
{
    protected override Dictionary<string, string?> Store() => RedisSettings.For(redis.Configuration);
}
