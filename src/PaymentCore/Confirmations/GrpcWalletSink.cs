using System.Security.Cryptography;
using System.Text;
using Google.Protobuf.WellKnownTypes;
using Grpc.Net.Client;
using PaymentCore.Api;
using PaymentCore.Api.V1;
using PaymentCore.Recharges;

namespace PaymentCore.Confirmations;

/// <summary>A wallet service reached over gRPC through WalletConfirmationService.ApplyRechargeEvent.</summary>
public sealed class GrpcWalletSink : IWalletSink, IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly WalletConfirmationService.WalletConfirmationServiceClient _client;
    private readonly TimeSpan _timeout;

    public GrpcWalletSink(Uri endpoint, TimeSpan timeout)
    {
        Endpoint = endpoint;
        _timeout = timeout;
        _channel = GrpcChannel.ForAddress(endpoint);
        _client = new WalletConfirmationService.WalletConfirmationServiceClient(_channel);
        Name = "wallet-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(endpoint.AbsoluteUri)).AsSpan(0, 6));
    }

    /// <summary>Derived from the endpoint, so every replica configured with it shares one progress.</summary>
    public string Name { get; }

    public Uri Endpoint { get; }

    public async Task ApplyAsync(OutboxEvent confirmation, CancellationToken cancellationToken)
    {
        var request = new ApplyRechargeEventRequest
        {
            EventId = confirmation.EventId,
            Type = confirmation.Type == CoinEventType.Credit ? RechargeEventType.Credit : RechargeEventType.Debit,
            RechargeId = confirmation.RechargeId,
            UserId = confirmation.UserId,
            Coins = confirmation.Coins,
            Amount = confirmation.Amount.ToProto(),
            Reason = confirmation.Reason,
            OccurredAt = Timestamp.FromDateTimeOffset(confirmation.OccurredAt),
            Livemode = confirmation.Livemode,
        };
        await _client.ApplyRechargeEventAsync(request, deadline: DateTime.UtcNow + _timeout, cancellationToken: cancellationToken);
    }

    public void Dispose() => _channel.Dispose();
}
