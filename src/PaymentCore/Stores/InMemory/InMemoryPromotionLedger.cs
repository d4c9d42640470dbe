using PaymentCore.Promotions;

namespace PaymentCore.Stores.InMemory;

/// <summary>The embedded default promotion ledger: one process, one lock; same semantics as the Redis ledger.</summary>
public sealed class InMemoryPromotionLedger : IPromotionLedger
{
    private readonly Lock _lock = new();

    /// <summary>Per promotion: each redemption id and the user holding it.</summary>
    private readonly Dictionary<string, Dictionary<string, string>> _redemptions = new(StringComparer.Ordinal);

    public Task<RedemptionCap?> ReserveAsync(RedemptionRequest request, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var redemptions = RedemptionsOf(request.PromotionId);
            RedemptionCap? refused = null;
            if (!redemptions.ContainsKey(request.RedemptionId))
            {
                if (request.MaxPerUser is { } perUser && redemptions.Values.Count(u => u == request.UserId) >= perUser)
                {
                    refused = RedemptionCap.PerUser;
                }
                else if (request.MaxTotal is { } total && redemptions.Count >= total)
                {
                    refused = RedemptionCap.Total;
                }
                else
                {
                    redemptions[request.RedemptionId] = request.UserId;
                }
            }

            return Task.FromResult(refused);
        }
    }

    public Task ReleaseAsync(string promotionId, string redemptionId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            RedemptionsOf(promotionId).Remove(redemptionId);
            return Task.CompletedTask;
        }
    }

    public Task<PromotionUsage> UsageAsync(string promotionId, string userId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var redemptions = RedemptionsOf(promotionId);
            return Task.FromResult(new PromotionUsage(redemptions.Values.Count(u => u == userId), redemptions.Count));
        }
    }

    private Dictionary<string, string> RedemptionsOf(string promotionId)
    {
        if (!_redemptions.TryGetValue(promotionId, out var redemptions))
        {
            _redemptions[promotionId] = redemptions = new Dictionary<string, string>(StringComparer.Ordinal);
        }

        return redemptions;
    }
}
