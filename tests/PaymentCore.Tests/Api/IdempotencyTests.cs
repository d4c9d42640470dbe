using Grpc.Core;
using Google.Protobuf;
using PaymentCore.Api.V1;
using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.Api;

/// <summary>Idempotency of CreateRecharge through gRPC on the real host.</summary>
public abstract class IdempotencyTests(PaymentCoreServer server)
{
    [Fact]
    public async Task SameKeySameRequest_ReplaysByteIdenticalResponseMarkedAsReplay()
    {
        var request = Requests.Create();
        var first = await server.Recharges.CreateRechargeAsync(request);

        var retry = server.Recharges.CreateRechargeAsync(request);
        var second = await retry;

        Assert.Equal(first.ToByteArray(), second.ToByteArray());
        Assert.Equal("true", (await retry.ResponseHeadersAsync).GetValue("idempotent-replayed"));
    }

    [Fact]
    public async Task SameKeyDifferentRequest_IsKeyReused()
    {
        var request = Requests.Create();
        await server.Recharges.CreateRechargeAsync(request);
        var changed = request.Clone();
        changed.PackageId = "coins_100";

        await RpcAssert.FailsWith(StatusCode.FailedPrecondition, "IDEMPOTENCY_KEY_REUSED", () =>
            server.Recharges.CreateRechargeAsync(changed).ResponseAsync);
    }

    [Fact]
    public async Task SameKeyOtherUser_IsAnIndependentRequest()
    {
        var request = Requests.Create(key: "shared-key");
        var other = Requests.Create(key: "shared-key");

        var first = (await server.Recharges.CreateRechargeAsync(request)).Recharge;
        var second = (await server.Recharges.CreateRechargeAsync(other)).Recharge;

        Assert.NotEqual(first.RechargeId, second.RechargeId);
        Assert.Equal(RechargeStatus.Succeeded, second.Status);
    }

    [Fact]
    public async Task DeclineIsSaved_RetryReplaysTheDecline()
    {
        var request = Requests.Create("sandbox_decline_insufficient_funds");
        var first = (await server.Recharges.CreateRechargeAsync(request)).Recharge;

        var replay = (await server.Recharges.CreateRechargeAsync(request)).Recharge;

        Assert.Equal(first, replay);
    }

    [Fact]
    public async Task ValidationErrorIsNotSaved_CorrectedRetryWithSameKeyWorks()
    {
        var bad = Requests.Create(package: "coins_999");
        await RpcAssert.FailsWith(StatusCode.InvalidArgument, "VALIDATION_FAILED", () =>
            server.Recharges.CreateRechargeAsync(bad).ResponseAsync);
        var corrected = bad.Clone();
        corrected.PackageId = "coins_100";

        var recharge = (await server.Recharges.CreateRechargeAsync(corrected)).Recharge;

        Assert.Equal(RechargeStatus.Succeeded, recharge.Status);
    }

    [Fact]
    public async Task DuplicateStorm_ChargesOnceAndEveryAnswerIsThatRechargeOrInProgress()
    {
        var request = Requests.Create();
        var chargesBefore = server.Sandbox.ChargeCount;

        var attempts = await Task.WhenAll(Enumerable.Range(0, 100).Select(async _ =>
        {
            try
            {
                return (await server.Recharges.CreateRechargeAsync(request)).Recharge.RechargeId;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Aborted)
            {
                return "in-progress";
            }
        }));

        var rechargeIds = attempts.Where(a => a != "in-progress").Distinct().ToList();
        Assert.Single(rechargeIds);
        Assert.Equal(chargesBefore + 1, server.Sandbox.ChargeCount);
        var page = await server.Recharges.ListRechargesAsync(new ListRechargesRequest { UserId = request.UserId });
        Assert.Single(page.Recharges);
        await server.Wallet.WaitForAsync(received => received.Any(e => e.RechargeId == rechargeIds[0]));
        await server.QuietAsync();
        Assert.Single(server.Wallet.For(rechargeIds[0]));
    }
}

/// <summary>The suite on the in-memory store (the embedded default).</summary>
public sealed class IdempotencyInMemoryTests(PaymentCoreServer server) : IdempotencyTests(server), IClassFixture<PaymentCoreServer>;

/// <summary>The suite on Redis.</summary>
public sealed class IdempotencyRedisTests(RedisApiServer redis) : IdempotencyTests(redis.Server), IClassFixture<RedisApiServer>;
