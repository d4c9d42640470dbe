using Grpc.Core;
using PaymentCore.Api.V1;

namespace PaymentCore.ReferenceWallet;

/// <summary>
/// WalletConfirmationService: applies each event id once and answers OK for one it already
/// applied. <c>Wallet:FailFirst</c> makes it refuse its first N calls, to show retries working.
/// An event of the other mode (<see cref="WalletMode"/>) is refused before anything else is looked
/// at, and never applied: test coins must never reach a live wallet.
/// </summary>
public sealed class WalletService(WalletLedger ledger, WalletFaults faults, WalletMode mode) : WalletConfirmationService.WalletConfirmationServiceBase
{
    public override Task<ApplyRechargeEventResponse> ApplyRechargeEvent(ApplyRechargeEventRequest request, ServerCallContext context)
    {
        if (!mode.Accepts(request))
        {
            ledger.RecordRefused(request);
            throw mode.Mismatch(request);
        }

        if (request.EventId.Length == 0 || request.UserId.Length == 0 || request.Coins <= 0)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "event_id, user_id and positive coins are required"));
        }

        if (faults.ShouldFail())
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "refusing on purpose (Wallet:FailFirst)"));
        }

        ledger.Apply(request);
        return Task.FromResult(new ApplyRechargeEventResponse());
    }
}

/// <summary>Deliberate failures for demos and tests.</summary>
public sealed class WalletFaults(int failFirst)
{
    private int _remaining = failFirst;

    public bool ShouldFail() => Volatile.Read(ref _remaining) > 0 && Interlocked.Decrement(ref _remaining) >= 0;
}
