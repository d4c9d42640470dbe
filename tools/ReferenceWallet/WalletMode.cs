using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using PaymentCore.Api.V1;

namespace PaymentCore.ReferenceWallet;

/// <summary>
/// The one mode a wallet serves, as every wallet should: a live wallet applies only events with
/// <c>livemode</c> true, a test wallet only events with it false. Any other event is answered
/// FAILED_PRECONDITION with ErrorInfo reason <see cref="MismatchReason"/>, so it is never applied
/// and PaymentCore keeps it (retried, then dead-lettered) for someone to look at.
/// </summary>
public sealed class WalletMode(bool livemode)
{
    public const string MismatchReason = "LIVEMODE_MISMATCH";
    public const string ErrorDomain = "referencewallet.paymentcore";

    public bool Livemode { get; } = livemode;

    /// <summary>"test" (also when unset) or "live"; anything else stops the wallet at startup.</summary>
    public static WalletMode From(string? configured) => configured?.Trim().ToLowerInvariant() switch
    {
        null or "" or "test" => new WalletMode(false),
        "live" => new WalletMode(true),
        _ => throw new InvalidOperationException($"Wallet:Mode: '{configured}' is neither 'test' nor 'live'"),
    };

    public bool Accepts(ApplyRechargeEventRequest request) => request.Livemode == Livemode;

    /// <summary>The answer to an event of the other mode: FAILED_PRECONDITION, ErrorInfo <see cref="MismatchReason"/> with both modes.</summary>
    public RpcException Mismatch(ApplyRechargeEventRequest request)
    {
        var status = new Google.Rpc.Status
        {
            Code = (int)Code.FailedPrecondition,
            Message = $"this wallet serves {Name(Livemode)} mode; event {request.EventId} is a {Name(request.Livemode)}-mode event and was not applied",
            Details =
            {
                Any.Pack(new ErrorInfo
                {
                    Domain = ErrorDomain,
                    Reason = MismatchReason,
                    Metadata = { ["wallet_livemode"] = Livemode ? "true" : "false", ["event_livemode"] = request.Livemode ? "true" : "false" },
                }),
            },
        };
        return status.ToRpcException();
    }

    private static string Name(bool livemode) => livemode ? "live" : "test";
}
