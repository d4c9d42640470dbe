using Google.Protobuf.WellKnownTypes;
using PaymentCore.Catalog;
using PaymentCore.PaymentMethods;
using PaymentCore.Pricing;
using Domain = PaymentCore.Recharges;

namespace PaymentCore.Api;

/// <summary>Domain → contract mapping for RechargeService; the only place that knows both.</summary>
public static class RechargeMapping
{
    public static V1.Recharge ToProto(this Domain.Recharge recharge)
    {
        var proto = new V1.Recharge
        {
            RechargeId = recharge.RechargeId,
            UserId = recharge.UserId,
            RegionCode = recharge.RegionCode,
            Livemode = recharge.Livemode,
            Status = recharge.Status.ToProto(),
            Amount = recharge.Amount.ToProto(),
            Coins = recharge.Coins,
            BonusCoins = recharge.BonusCoins,
            PackageId = recharge.PackageId ?? string.Empty,
            Gateway = recharge.Gateway,
            GatewayReference = recharge.GatewayReference ?? string.Empty,
            PaymentMethodType = recharge.MethodType.ToProto(),
            CreatedAt = Timestamp.FromDateTimeOffset(recharge.CreatedAt),
            UpdatedAt = Timestamp.FromDateTimeOffset(recharge.UpdatedAt),
            RefundedAmount = recharge.RefundedAmount.ToProto(),
            SavedInstrumentId = recharge.SavedInstrumentId ?? string.Empty,
        };
        proto.GatewaysPassedOver.AddRange(recharge.GatewaysPassedOver.Select(p => new V1.PassedOverGateway
        {
            Gateway = p.Gateway,
            Reason = p.Reason,
            Detail = p.Detail ?? string.Empty,
        }));
        proto.Refunds.AddRange(recharge.Refunds.Select(r => new V1.Refund
        {
            RefundId = r.RefundId,
            Amount = r.Amount.ToProto(),
            Coins = r.Coins,
            Reason = r.Reason,
            CreatedAt = Timestamp.FromDateTimeOffset(r.CreatedAt),
            Status = r.Succeeded ? V1.RefundStatus.Succeeded : V1.RefundStatus.Failed,
            FailureCode = r.FailureCode ?? string.Empty,
        }));
        if (recharge.Failure is { } failure)
        {
            proto.Failure = new V1.Failure { Code = failure.Code, Message = failure.Message, GatewayCode = failure.GatewayCode ?? string.Empty };
        }

        if (recharge.Risk is { } risk)
        {
            proto.Risk = new V1.RiskDecision
            {
                Action = risk.Action.ToProto(),
                DecidingRuleId = risk.DecidingRuleId ?? string.Empty,
                RuleSetVersion = risk.RuleSetVersion,
                DryRunAction = risk.DryRunAction?.ToProto() ?? V1.RiskAction.Unspecified,
                FiredRuleIds = { risk.FiredRuleIds },
                DryRunFiredRuleIds = { risk.DryRunFiredRuleIds },
            };
        }

        if (recharge.NextAction is { } action)
        {
            proto.NextAction = action.ToProto();
        }

        return proto;
    }

    private static V1.NextAction ToProto(this Domain.RechargeNextAction action)
    {
        // Every type sets redirect_url when the gateway hosts a page, so a client that does not know a type can still send the user there.
        var proto = new V1.NextAction { Type = V1.NextActionType.RedirectToUrl, RedirectUrl = action.RedirectUrl?.AbsoluteUri ?? string.Empty };
        if (action.QrCode is { } qr)
        {
            proto.Type = V1.NextActionType.DisplayQrCode;
            proto.DisplayQrCode = new V1.DisplayQrCode
            {
                Data = qr.Data,
                ImageUrlPng = qr.ImagePng?.AbsoluteUri ?? string.Empty,
                ImageUrlSvg = qr.ImageSvg?.AbsoluteUri ?? string.Empty,
            };
        }

        if (action.Voucher is { } voucher)
        {
            proto.Type = V1.NextActionType.DisplayVoucher;
            proto.VoucherDetails = new V1.VoucherDetails
            {
                HostedVoucherUrl = voucher.HostedVoucherUrl.AbsoluteUri,
                Stores = { voucher.Stores.Select(s => new V1.StorePaymentCode { Store = s.Store, ConfirmationNumber = s.ConfirmationNumber, PaymentCode = s.PaymentCode ?? string.Empty }) },
            };
        }

        if (action.CodePrompt is { } prompt)
        {
            proto.Type = V1.NextActionType.EnterOtp;
            // The challenge stays with us: the user needs only where the code went, the tries left and the deadline.
            proto.EnterOtp = new V1.EnterOtp
            {
                SentTo = prompt.MaskedDestination,
                AttemptsLeft = prompt.AttemptsLeft,
                CodeExpiresAt = Timestamp.FromDateTimeOffset(prompt.ExpiresAt),
            };
        }

        if (action.BankTransfer is { } transfer)
        {
            proto.Type = V1.NextActionType.BankTransfer;
            proto.BankTransfer = new V1.BankTransferInstructions
            {
                Bank = VirtualAccountPaymentMethod.ProtoBank(transfer.Bank),
                AccountNumber = transfer.AccountNumber,
                Amount = transfer.Amount.ToProto(),
                ExpiresAt = transfer.ExpiresAt is { } transferExpiresAt ? Timestamp.FromDateTimeOffset(transferExpiresAt) : null,
            };
        }

        if (action.AppApproval is { } approval)
        {
            proto.Type = V1.NextActionType.ApproveInApp;
            proto.ApproveInApp = new V1.AppApproval
            {
                Wallet = EwalletPaymentMethod.ProtoWallet(approval.Wallet),
                PhoneNumber = approval.MaskedPhoneNumber,
                ExpiresAt = action.ExpiresAt is { } approveBy ? Timestamp.FromDateTimeOffset(approveBy) : null,
            };
        }

        if (action.ExpiresAt is { } expiresAt)
        {
            proto.ExpiresAt = Timestamp.FromDateTimeOffset(expiresAt);
        }

        return proto;
    }

    public static V1.Money ToProto(this Adapters.Money money) => new() { Currency = money.Currency, MinorUnits = money.MinorUnits };

    public static V1.ListPackagesResponse ToProto(this RegionListing listing, IEnumerable<Adapters.PaymentMethodType> methods)
    {
        var region = listing.Region;
        var response = new V1.ListPackagesResponse
        {
            RegionCode = region.RegionCode,
            Currency = region.Currency,
            TaxDisplay = region.TaxDisplay.ToProto(),
        };
        response.Packages.AddRange(listing.Packages.Select(p => new V1.CoinPackage
        {
            PackageId = p.Offer.PackageId,
            Coins = p.Offer.Coins,
            BonusCoins = p.Offer.BonusCoins,
            Price = p.Offer.Price.ToProto(),
            PricePer100Coins = p.Offer.PricePer100Coins.ToProto(),
            Promotions = { p.Promotions.Select(l => l.Promotion.ToProto(l.Price)) },
        }));
        response.PaymentMethods.AddRange(methods.Select(CatalogLoader.MethodName));
        if (listing.CustomCoins is { } custom)
        {
            response.CustomCoins = new V1.CustomCoinsOffer
            {
                MinCoins = custom.Offer.MinCoins,
                MaxCoins = custom.Offer.MaxCoins,
                PricePer100Coins = custom.Offer.PricePer100Coins.ToProto(),
                Promotions = { custom.Promotions.Select(l => l.Promotion.ToProto(l.Price)) },
            };
        }

        return response;
    }

    public static V1.Quote ToProto(this PriceQuote quote)
    {
        var proto = new V1.Quote
        {
            QuoteId = quote.QuoteId,
            Price = quote.Breakdown.Price.ToProto(),
            Coins = quote.Coins,
            BonusCoins = quote.Breakdown.BonusCoins,
            TaxDisplay = quote.Region.TaxDisplay.ToProto(),
            ExpiresAt = Timestamp.FromDateTimeOffset(quote.ExpiresAt),
            RegionCode = quote.Region.RegionCode,
            PackageId = quote.PackageId ?? string.Empty,
            ListPrice = quote.Breakdown.ListPrice.ToProto(),
            Promotions = { quote.Breakdown.Applied.Select(p => p.ToProto(price: null)) },
        };
        if (quote.Tax is { } tax)
        {
            proto.Tax = tax.ToProto();
        }

        return proto;
    }

    /// <param name="price">The item's price with this promotion, when it is shown with one item.</param>
    private static V1.Promotion ToProto(this Promotion promotion, Adapters.Money? price)
    {
        var proto = new V1.Promotion
        {
            PromotionId = promotion.PromotionId,
            Description = promotion.Description,
            ExtraBonusCoins = promotion.BonusCoins,
            StartsAt = Timestamp.FromDateTimeOffset(promotion.StartsAt),
            EndsAt = Timestamp.FromDateTimeOffset(promotion.EndsAt),
            FirstPurchaseOnly = promotion.FirstPurchaseOnly,
            PercentOff = promotion.PercentOff ?? 0,
        };
        if (price is { } discounted)
        {
            proto.Price = discounted.ToProto();
        }

        if (promotion.AmountOff is { } amountOff)
        {
            proto.AmountOff = amountOff.ToProto();
        }

        return proto;
    }

    private static V1.TaxDisplay ToProto(this TaxDisplayMode display) =>
        display == TaxDisplayMode.Inclusive ? V1.TaxDisplay.Inclusive : V1.TaxDisplay.Exclusive;

    private static V1.RechargeStatus ToProto(this Domain.RechargeStatus status) => status switch
    {
        Domain.RechargeStatus.Created => V1.RechargeStatus.Created,
        Domain.RechargeStatus.Processing => V1.RechargeStatus.Processing,
        Domain.RechargeStatus.RequiresAction => V1.RechargeStatus.RequiresAction,
        Domain.RechargeStatus.Succeeded => V1.RechargeStatus.Succeeded,
        Domain.RechargeStatus.Failed => V1.RechargeStatus.Failed,
        Domain.RechargeStatus.Unknown => V1.RechargeStatus.Unknown,
        Domain.RechargeStatus.PartiallyRefunded => V1.RechargeStatus.PartiallyRefunded,
        Domain.RechargeStatus.Refunded => V1.RechargeStatus.Refunded,
        Domain.RechargeStatus.Disputed => V1.RechargeStatus.Disputed,
        Domain.RechargeStatus.Reversed => V1.RechargeStatus.Reversed,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    private static V1.RiskAction ToProto(this FraudRules.RuleAction action) => action switch
    {
        FraudRules.RuleAction.Allow => V1.RiskAction.Allow,
        FraudRules.RuleAction.Review => V1.RiskAction.Review,
        FraudRules.RuleAction.Block => V1.RiskAction.Block,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    internal static V1.PaymentMethodType ToProto(this Adapters.PaymentMethodType method) => PaymentMethodRegistry.Default[method].ProtoType;
}
