using Microsoft.Extensions.Options;
using PaymentCore.Adapters.Voucher;
using PaymentCore.Errors;
using PaymentCore.Modes;
using PaymentCore.State;

namespace PaymentCore.Vouchers;

/// <summary>
/// Issues voucher batches: claims the batch under its id (derived from caller and idempotency key),
/// draws fresh random codes, and has the ledger store their digests. The codes leave this class
/// only in the answer of the attempt that issued the batch; a retry answers with the batch alone.
/// </summary>
public sealed class VoucherIssuer(IVoucherLedger ledger, IOptions<IdempotencyOptions> idempotency, IOptions<ModeOptions> mode, TimeProvider time)
{
    public async Task<IssuedVouchers> IssueAsync(IssueVouchersCommand command, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var issuance = new VoucherIssuance(command.BatchAt(now, mode.Value.Livemode), Guid.NewGuid().ToString("N"), now, now + idempotency.Value.Lease);
        switch (await ledger.BeginBatchAsync(issuance, cancellationToken))
        {
            case VoucherBatchStart.AlreadyIssued issued:
                return new IssuedVouchers(issued.Batch, [], Replayed: true);
            case VoucherBatchStart.InProgress:
                throw PaymentCoreException.IdempotencyInProgress();
            case VoucherBatchStart.KeyReused:
                throw PaymentCoreException.IdempotencyKeyReused();
        }

        var codes = NewCodes(command.Count);

        // The batch is claimed: finish it even if the caller goes away, so the claim never waits out its lease.
        return await ledger.IssueAsync(issuance, codes.Select(VoucherCodes.Hash).ToList(), CancellationToken.None) switch
        {
            VoucherIssueResult.Issued => new IssuedVouchers(issuance.Batch, codes, Replayed: false),

            // Another attempt under this key took the batch over after this one's lease ran out; a retry answers with its batch.
            VoucherIssueResult.Superseded => throw PaymentCoreException.IdempotencyInProgress(),

            // 80 random bits colliding with a stored code means the random source is broken: issue nothing.
            VoucherIssueResult.CodeConflict => throw new InvalidOperationException($"A new code of batch {command.BatchId} exists already; nothing was issued."),
            var other => throw new InvalidOperationException($"Unhandled issue result {other}."),
        };
    }

    private static List<string> NewCodes(int count)
    {
        var codes = new List<string>(count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (codes.Count < count)
        {
            var code = VoucherCodes.New();
            if (seen.Add(code))
            {
                codes.Add(code);
            }
        }

        return codes;
    }
}
