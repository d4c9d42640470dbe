using Google.Protobuf.WellKnownTypes;
using PaymentCore.Limits;

namespace PaymentCore.Api;

/// <summary>Limits and budgets → contract.</summary>
public static class LimitMapping
{
    public static V1.Limit ToProto(this LimitUsage usage, string referenceCurrency)
    {
        var rule = usage.Rule;
        var proto = new V1.Limit
        {
            Name = rule.Name,
            Dimension = rule.Dimension switch
            {
                LimitDimension.User => V1.LimitDimension.User,
                LimitDimension.Instrument => V1.LimitDimension.Instrument,
                LimitDimension.Ip => V1.LimitDimension.Ip,
                LimitDimension.Device => V1.LimitDimension.Device,
                _ => throw new ArgumentOutOfRangeException(nameof(usage), rule.Dimension, null),
            },
            Window = Duration.FromTimeSpan(rule.Window),
            UserBudget = rule.Name == SpendingBudget.RuleName,
        };
        if (rule.Measure == LimitMeasure.Amount)
        {
            proto.Measure = V1.LimitMeasure.Amount;
            proto.AmountLimit = Money(rule.Limit);
            proto.AmountUsed = Money(usage.Used);
            proto.AmountRemaining = Money(usage.Remaining);
        }
        else
        {
            proto.Measure = V1.LimitMeasure.Count;
            proto.CountLimit = rule.Limit;
            proto.CountUsed = usage.Used;
            proto.CountRemaining = usage.Remaining;
        }

        return proto;

        V1.Money Money(long minorUnits) => new() { Currency = referenceCurrency, MinorUnits = minorUnits };
    }

    public static V1.SetSpendingBudgetResponse ToProto(this SpendingBudget budget, string referenceCurrency)
    {
        var response = new V1.SetSpendingBudgetResponse();
        if (budget.Effective is { } effective)
        {
            response.EffectiveBudget = new V1.Money { Currency = referenceCurrency, MinorUnits = effective };
        }

        if (budget is { Pending: { } pending, PendingAt: { } pendingAt })
        {
            response.PendingBudget = new V1.Money { Currency = referenceCurrency, MinorUnits = pending };
            response.PendingEffectiveAt = Timestamp.FromDateTimeOffset(pendingAt);
        }

        return response;
    }
}
