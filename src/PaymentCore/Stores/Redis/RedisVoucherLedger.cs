using System.Globalization;
using PaymentCore.Adapters.Voucher;
using StackExchange.Redis;
using static PaymentCore.Stores.Redis.RedisFailures;

namespace PaymentCore.Stores.Redis;

/// <summary>
/// Vouchers in Redis. Each voucher is a hash under its code digest, in a slot of its own, so a
/// redemption is one script on one key: exactly once under any concurrency, on a single node as on
/// a cluster. A batch spans many slots, so it cannot be issued by one script. Instead:
/// <list type="number">
/// <item>voucher_batch_begin claims the batch record (the batch id's own slot) for this attempt,
/// under a lease; the batch id is derived from caller and idempotency key, so a retry finds it.</item>
/// <item>voucher_store writes every voucher (all in parallel), each only if its digest is free,
/// tagged with batch and attempt, so the same attempt writing again changes nothing.</item>
/// <item>voucher_batch_complete marks the batch issued, only if this attempt still holds it.</item>
/// </list>
/// What holds: codes are handed out only after step 3 succeeded, so nobody ever holds a code of a
/// partial batch, and of all attempts under one batch id at most one completes (never a second
/// batch). An attempt that does not complete (a digest taken, or its batch taken over after its
/// lease expired) takes its vouchers out again (voucher_discard). If it cannot (crash, Redis gone)
/// they stay until they expire, but their codes were never handed out, logged or stored, so nobody
/// can redeem them: what can be spent of a batch is all of it or nothing.
/// </summary>
public sealed class RedisVoucherLedger(RedisConnection redis) : IVoucherLedger
{
    private readonly RedisKeys _keys = redis.Keys;

    public Task<VoucherBatchStart> BeginBatchAsync(VoucherIssuance issuance, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            var batch = issuance.Batch;
            var result = (RedisResult[])(await RedisScript.VoucherBatchBegin.RunAsync(redis.Database, new
            {
                batch = _keys.VoucherBatch(batch.BatchId),
                fingerprint = batch.Fingerprint,
                attempt = issuance.AttemptId,
                now = issuance.Now.ToUnixTimeMilliseconds(),
                leaseUntil = issuance.LeaseExpiresAt.ToUnixTimeMilliseconds(),
                keepUntil = batch.KeepUntil.ToUnixTimeMilliseconds(),
                json = RedisJson.Write(batch, RechargeJson.Default.VoucherBatch),
            }))!;
            return (string)result[0]! switch
            {
                "started" => new VoucherBatchStart.Started(),
                "issued" => new VoucherBatchStart.AlreadyIssued(RedisJson.Read((RedisValue)result[1], RechargeJson.Default.VoucherBatch)),
                "in_progress" => new VoucherBatchStart.InProgress(),
                "key_reused" => (VoucherBatchStart)new VoucherBatchStart.KeyReused(),
                var other => throw new InvalidOperationException($"voucher_batch_begin.lua answered '{other}'."),
            };
        });

    public Task<VoucherIssueResult> IssueAsync(VoucherIssuance issuance, IReadOnlyList<string> codeHashes, CancellationToken cancellationToken)
    {
        if (codeHashes.Distinct(StringComparer.Ordinal).Count() != codeHashes.Count)
        {
            throw new ArgumentException("The code digests of a batch must be distinct.", nameof(codeHashes));
        }

        return GuardAsync(async () =>
        {
            var batch = issuance.Batch;
            var stores = await Task.WhenAll(codeHashes.Select(async hash => (Hash: hash, Stored: await StoreAsync(issuance, hash))));
            if (stores.Any(s => !s.Stored))
            {
                await DiscardAsync(issuance, stores.Where(s => s.Stored).Select(s => s.Hash));
                await RedisScript.VoucherBatchRelease.RunAsync(redis.Database, new { batch = _keys.VoucherBatch(batch.BatchId), attempt = issuance.AttemptId });
                return VoucherIssueResult.CodeConflict;
            }

            if ((long)await RedisScript.VoucherBatchComplete.RunAsync(redis.Database, new { batch = _keys.VoucherBatch(batch.BatchId), attempt = issuance.AttemptId }) == 1)
            {
                return VoucherIssueResult.Issued;
            }

            await DiscardAsync(issuance, codeHashes);
            return VoucherIssueResult.Superseded;
        });
    }

    public Task<VoucherRedemptionResult> RedeemAsync(VoucherRedemption redemption, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            var result = (string)(await RedisScript.VoucherRedeem.RunAsync(redis.Database, new
            {
                voucher = _keys.Voucher(redemption.CodeHash),
                redemption = redemption.RedemptionId,
                currency = redemption.Amount.Currency,
                amount = redemption.Amount.MinorUnits.ToString(CultureInfo.InvariantCulture),
                region = redemption.RegionCode,
                now = redemption.At.ToUnixTimeMilliseconds(),
                livemode = redemption.Livemode ? "1" : "0",
            }))!;
            return result switch
            {
                "redeemed" => VoucherRedemptionResult.Redeemed,
                "unknown_code" => VoucherRedemptionResult.UnknownCode,
                "already_redeemed" => VoucherRedemptionResult.AlreadyRedeemed,
                "expired" => VoucherRedemptionResult.Expired,
                "wrong_region" => VoucherRedemptionResult.WrongRegion,
                "wrong_currency" => VoucherRedemptionResult.WrongCurrency,
                "wrong_amount" => VoucherRedemptionResult.WrongAmount,
                "wrong_mode" => VoucherRedemptionResult.WrongMode,
                _ => throw new InvalidOperationException($"voucher_redeem.lua answered '{result}'."),
            };
        });

    public Task<bool> WasRedeemedAsync(string codeHash, string redemptionId, CancellationToken cancellationToken) =>
        GuardAsync(async () => (string?)await redis.Database.HashGetAsync(_keys.Voucher(codeHash), "by") == redemptionId);

    private async Task<bool> StoreAsync(VoucherIssuance issuance, string codeHash)
    {
        var batch = issuance.Batch;
        var result = (string)(await RedisScript.VoucherStore.RunAsync(redis.Database, new
        {
            voucher = _keys.Voucher(codeHash),
            batch = batch.BatchId,
            attempt = issuance.AttemptId,
            currency = batch.Value.Currency,
            value = batch.Value.MinorUnits.ToString(CultureInfo.InvariantCulture),
            region = batch.RegionCode,
            expires = batch.ExpiresAt.ToUnixTimeMilliseconds(),
            keepUntil = batch.KeepUntil.ToUnixTimeMilliseconds(),
            livemode = batch.Livemode ? "1" : "0",
        }))!;
        return result == "stored";
    }

    private Task DiscardAsync(VoucherIssuance issuance, IEnumerable<string> codeHashes) =>
        Task.WhenAll(codeHashes.Select(hash =>
            RedisScript.VoucherDiscard.RunAsync(redis.Database, new { voucher = _keys.Voucher(hash), batch = issuance.Batch.BatchId, attempt = issuance.AttemptId })));
}
