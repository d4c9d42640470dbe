using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using PaymentCore.Api.V1;
using PaymentCore.Catalog;
using PaymentCore.Errors;
using PaymentCore.Limits;
using PaymentCore.PaymentMethods;
using PaymentCore.Pricing;
using PaymentCore.Recharges;
using PaymentCore.State;
using CredentialSeal = PaymentCore.Recharges.SavedInstruments.CredentialSeal;
using SavedInstrumentId = PaymentCore.Recharges.SavedInstruments.SavedInstrumentId;
using SavedPayment = PaymentCore.Recharges.SavedInstruments.SavedPayment;

namespace PaymentCore.Api;

/// <summary>
/// Validates RechargeService requests completely and turns them into domain commands. Every
/// problem becomes a field violation named by its proto path; nothing invalid reaches the store.
/// </summary>
public sealed partial class RechargeRequestValidator(CatalogSource catalog, PaymentMethodRegistry methods, TimeProvider time)
{
    public const int MaxIdempotencyKeyLength = 255;
    public const int MaxUserIdLength = 128;
    public const int MaxQuoteIdLength = 2048;
    public const int MaxPromoCodeLength = 32;
    public const int MaxPageSize = 100;
    public const int DefaultPageSize = 20;
    public const int MaxReasonLength = 500;
    public const int MaxConsentVersionLength = 64;

    /// <summary>A budget above this (10^12 minor units) is not a budget, it is a typo.</summary>
    public const long MaxBudgetMinorUnits = 1_000_000_000_000;
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public RegionCatalog ValidateListPackages(ListPackagesRequest request)
    {
        var violations = new Violations();
        var region = Region(violations, "region_code", request.RegionCode);
        violations.ThrowIfAny();
        return region!;
    }

    /// <param name="paidWith">The saved instrument <c>payment_method.saved</c> names, looked up
    /// (<see cref="SavedInstrumentLookup"/>) and opened for the request's user; null when the user has none of that id.</param>
    public RechargeOrder ValidateCreate(CreateRechargeRequest request, string caller, SavedPayment? paidWith = null)
    {
        var violations = new Violations();
        IdempotencyKey(violations, request.IdempotencyKey);
        UserId(violations, "user_id", request.UserId);
        var region = Region(violations, "region_code", request.RegionCode);
        var item = request.ItemCase switch
        {
            CreateRechargeRequest.ItemOneofCase.PackageId => Package(violations, request.PackageId, region),
            CreateRechargeRequest.ItemOneofCase.QuoteId => Quote(violations, request.QuoteId),
            CreateRechargeRequest.ItemOneofCase.CustomCoins => CustomCoins(violations, request.CustomCoins, region),
            _ => NoItem(violations, "set one of package_id, quote_id, custom_coins"),
        };
        var savedId = request.PaymentMethod?.MethodCase == PaymentMethod.MethodOneofCase.Saved ? request.PaymentMethod.Saved.InstrumentId : null;
        var instrument = savedId is null ? methods.Validate(request.PaymentMethod, violations) : null;
        if (savedId is not null)
        {
            SavedInstrumentIdField(violations, "payment_method.saved.instrument_id", savedId);
        }

        SaveInstrumentField(violations, request.SaveInstrument, savedId, instrument);
        var risk = request.Risk ?? new RiskContext();
        Risk(violations, risk);
        violations.ThrowIfAny();
        if (savedId is not null)
        {
            instrument = UsableInstrument(paidWith, savedId);
        }

        var fingerprint = RequestFingerprint.Of(request, r => r.IdempotencyKey = string.Empty);
        var signals = new RiskSignals(
            VerificationLevelName(risk.VerificationLevel),
            risk.IpAddress.Length > 0 ? IPAddress.Parse(risk.IpAddress).ToString() : null,
            risk.DeviceId.Length > 0 ? risk.DeviceId : null,
            risk.IpCountry.Length > 0 ? risk.IpCountry : null,
            risk.EmailDomain.Length > 0 ? risk.EmailDomain.ToLowerInvariant() : null,
            risk.AccountCreatedAt?.ToDateTimeOffset());
        return new RechargeOrder(
            new IdempotentRequest(caller, request.IdempotencyKey, fingerprint), request.UserId, region!, item!, instrument!, signals)
        {
            PaidWith = savedId is null ? null : paidWith?.Saved,
            SaveConsentVersion = request.SaveInstrument?.ConsentVersion,
        };
    }

    /// <summary>The saved instrument a CreateRecharge names, when its ids are well formed enough to look it up; null otherwise.</summary>
    public static (string UserId, string InstrumentId)? SavedInstrumentLookup(CreateRechargeRequest request) =>
        request.PaymentMethod?.MethodCase == PaymentMethod.MethodOneofCase.Saved
        && IsUserId(request.UserId)
        && SavedInstrumentId.IsWellFormed(request.PaymentMethod.Saved.InstrumentId)
            ? (request.UserId, request.PaymentMethod.Saved.InstrumentId)
            : null;

    public string ValidateListSavedInstruments(ListSavedInstrumentsRequest request)
    {
        var violations = new Violations();
        UserId(violations, "user_id", request.UserId);
        violations.ThrowIfAny();
        return request.UserId;
    }

    public (string UserId, string InstrumentId) ValidateDeleteSavedInstrument(DeleteSavedInstrumentRequest request)
    {
        var violations = new Violations();
        UserId(violations, "user_id", request.UserId);
        SavedInstrumentIdField(violations, "instrument_id", request.InstrumentId);
        violations.ThrowIfAny();
        return (request.UserId, request.InstrumentId);
    }

    public QuoteOrder ValidateQuote(QuoteRechargeRequest request)
    {
        var violations = new Violations();
        UserId(violations, "user_id", request.UserId);
        var region = Region(violations, "region_code", request.RegionCode);
        var item = request.ItemCase switch
        {
            QuoteRechargeRequest.ItemOneofCase.PackageId => Package(violations, request.PackageId, region),
            QuoteRechargeRequest.ItemOneofCase.CustomCoins => CustomCoins(violations, request.CustomCoins, region),
            _ => NoItem(violations, "set one of package_id, custom_coins"),
        };
        if (violations.OptionalPrintable("promo_code", request.PromoCode, MaxPromoCodeLength)
            && request.PromoCode.Length > 0 && !PromoCodePattern().IsMatch(request.PromoCode))
        {
            violations.Add("promo_code", "must contain only letters, digits, '_' and '-'");
        }

        violations.ThrowIfAny();
        return new QuoteOrder(request.UserId, region!, item!, request.PromoCode.Length > 0 ? request.PromoCode : null);
    }

    public ConfirmRechargeCommand ValidateConfirm(ConfirmRechargeRequest request, string caller)
    {
        var violations = new Violations();
        IdempotencyKey(violations, request.IdempotencyKey);
        RechargeIdField(violations, request.RechargeId);
        if (request.Otp.Length > 0 && !IsOtp(request.Otp))
        {
            // The value is never echoed: it authorizes a payment.
            violations.Add("otp", $"must be 1-{MaxOtpLength} letters or digits, as the user read them from the SMS");
        }

        violations.ThrowIfAny();
        var fingerprint = RequestFingerprint.Of(request, r => r.IdempotencyKey = string.Empty);
        return new ConfirmRechargeCommand(
            new IdempotentRequest(caller, request.IdempotencyKey, fingerprint), request.RechargeId, request.Otp.Length > 0 ? request.Otp : null);
    }

    public RefundRechargeCommand ValidateRefund(RefundRechargeRequest request, string caller)
    {
        var violations = new Violations();
        IdempotencyKey(violations, request.IdempotencyKey);
        RechargeIdField(violations, request.RechargeId);
        violations.RequirePrintable("reason", request.Reason, MaxReasonLength);
        if (request.Amount is { } amount)
        {
            if (!CurrencyPattern().IsMatch(amount.Currency))
            {
                violations.Add("amount.currency", "must be an ISO 4217 code such as USD");
            }

            if (amount.MinorUnits <= 0)
            {
                violations.Add("amount.minor_units", "must be greater than zero; leave amount unset to refund everything left");
            }
        }

        violations.ThrowIfAny();
        var fingerprint = RequestFingerprint.Of(request, r => r.IdempotencyKey = string.Empty);
        return new RefundRechargeCommand(
            new IdempotentRequest(caller, request.IdempotencyKey, fingerprint),
            request.RechargeId,
            request.Amount is { } money ? new Adapters.Money(money.Currency, money.MinorUnits) : null,
            request.Reason);
    }

    public string ValidateGet(GetRechargeRequest request)
    {
        var violations = new Violations();
        RechargeIdField(violations, request.RechargeId);
        violations.ThrowIfAny();
        return request.RechargeId;
    }

    public (string UserId, int PageSize, string? Cursor) ValidateList(ListRechargesRequest request)
    {
        var violations = new Violations();
        UserId(violations, "user_id", request.UserId);
        if (request.PageSize is < 0 or > MaxPageSize)
        {
            violations.Add("page_size", $"must be between 0 and {MaxPageSize}");
        }

        var cursor = PageToken(violations, request.PageToken);
        violations.ThrowIfAny();
        return (request.UserId, request.PageSize == 0 ? DefaultPageSize : request.PageSize, cursor);
    }

    public (string UserId, RegionCatalog Region, string VerificationLevel) ValidateGetLimits(GetLimitsRequest request)
    {
        var violations = new Violations();
        UserId(violations, "user_id", request.UserId);
        var region = Region(violations, "region_code", request.RegionCode);
        if (!Enum.IsDefined(request.VerificationLevel))
        {
            violations.Add("verification_level", $"unknown value {(int)request.VerificationLevel}");
        }

        violations.ThrowIfAny();
        return (request.UserId, region!, VerificationLevelName(request.VerificationLevel));
    }

    public (string UserId, long MonthlyBudget) ValidateSetSpendingBudget(SetSpendingBudgetRequest request, string referenceCurrency)
    {
        var violations = new Violations();
        UserId(violations, "user_id", request.UserId);
        if (request.MonthlyBudget is null)
        {
            violations.Add("monthly_budget", "is required (zero removes the budget)");
        }
        else
        {
            if (request.MonthlyBudget.Currency != referenceCurrency)
            {
                violations.Add("monthly_budget.currency", $"must be the reference currency {referenceCurrency}");
            }

            if (request.MonthlyBudget.MinorUnits is < 0 or > MaxBudgetMinorUnits)
            {
                violations.Add("monthly_budget.minor_units", $"must be between 0 and {MaxBudgetMinorUnits}");
            }
        }

        violations.ThrowIfAny();
        return (request.UserId, request.MonthlyBudget!.MinorUnits);
    }

    public static string PageTokenOf(string cursor) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(cursor)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string? PageToken(Violations violations, string token)
    {
        if (token.Length == 0)
        {
            return null;
        }

        try
        {
            var padded = token.Replace('-', '+').Replace('_', '/').PadRight(token.Length + ((4 - (token.Length % 4)) % 4), '=');
            var cursor = Encoding.UTF8.GetString(Convert.FromBase64String(padded));
            if (UserIndex.IsMember(cursor))
            {
                return cursor;
            }
        }
        catch (FormatException)
        {
        }

        violations.Add("page_token", "is not a token returned by ListRecharges");
        return null;
    }

    private static void IdempotencyKey(Violations violations, string key) =>
        violations.RequirePrintable("idempotency_key", key, MaxIdempotencyKeyLength);

    private static void UserId(Violations violations, string field, string userId)
    {
        if (violations.RequirePrintable(field, userId, MaxUserIdLength) && !UserIdPattern().IsMatch(userId))
        {
            violations.Add(field, "must contain only letters, digits and _ . : -");
        }
    }

    private static bool IsUserId(string userId) => userId.Length is > 0 and <= MaxUserIdLength && UserIdPattern().IsMatch(userId);

    private static void SavedInstrumentIdField(Violations violations, string field, string instrumentId)
    {
        if (instrumentId.Length == 0)
        {
            violations.Add(field, "is required");
        }
        else if (!SavedInstrumentId.IsWellFormed(instrumentId))
        {
            violations.Add(field, "is not a saved instrument id (\"si_\" followed by 32 lower-case hex digits)");
        }
    }

    /// <summary>save_instrument: a consent version, for a method that can be saved, not with a saved instrument.</summary>
    private void SaveInstrumentField(Violations violations, SaveInstrument? save, string? savedId, Adapters.PaymentInstrument? instrument)
    {
        if (save is null)
        {
            return;
        }

        violations.RequirePrintable("save_instrument.consent_version", save.ConsentVersion, MaxConsentVersionLength);
        if (savedId is not null)
        {
            violations.Add("save_instrument", "must be unset when paying with a saved instrument: it is saved already");
        }
        else if (instrument is not null && methods[instrument.MethodType] is { CanBeSaved: false } entry)
        {
            violations.Add("save_instrument", $"payment method {entry.Name} cannot be saved (methods that can: {string.Join(", ", methods.All.Where(m => m.CanBeSaved).Select(m => m.Name))})");
        }
    }

    /// <summary>The instrument a request pays with: the saved one's, if the user has it and it can pay.</summary>
    private static Adapters.PaymentInstrument UsableInstrument(SavedPayment? paidWith, string instrumentId) => paidWith switch
    {
        null => throw PaymentCoreException.SavedInstrumentNotFound(instrumentId),
        { Saved.UnusableReason: null, Instrument: { } instrument } => instrument,
        _ => throw PaymentCoreException.SavedInstrumentUnusable(instrumentId, paidWith.Saved.UnusableReason ?? CredentialSeal.KeyChanged),
    };

    private static void RechargeIdField(Violations violations, string rechargeId)
    {
        if (rechargeId.Length == 0)
        {
            violations.Add("recharge_id", "is required");
        }
        else if (!RechargeId.TryParseShard(rechargeId, out _))
        {
            violations.Add("recharge_id", "is not a recharge id (\"rch_\" followed by 34 lower-case hex digits)");
        }
    }

    /// <summary>The region from the catalog in force; the request works with this snapshot of it throughout.</summary>
    private RegionCatalog? Region(Violations violations, string field, string regionCode) =>
        violations.RequireRegion(field, regionCode, catalog.Current);

    private static ItemChoice? Package(Violations violations, string packageId, RegionCatalog? region)
    {
        if (packageId.Length == 0)
        {
            violations.Add("package_id", "is required");
            return null;
        }

        var package = region?.FindPackage(packageId);
        if (package is null && region is not null)
        {
            violations.Add("package_id", $"'{Violations.Excerpt(packageId)}' is not a package of region {region.RegionCode}");
        }

        return package is null ? null : new ItemChoice.Package(package);
    }

    private static ItemChoice? Quote(Violations violations, string quoteId) =>
        violations.RequirePrintable("quote_id", quoteId, MaxQuoteIdLength) ? new ItemChoice.Quoted(quoteId) : null;

    private static ItemChoice? CustomCoins(Violations violations, long coins, RegionCatalog? region)
    {
        if (region is null)
        {
            return null;
        }

        if (region.CustomCoins is not { } offer)
        {
            violations.Add("custom_coins", $"region {region.RegionCode} sells packages only, no custom amounts");
            return null;
        }

        if (!offer.Allows(coins))
        {
            violations.Add("custom_coins", $"must be between {offer.MinCoins} and {offer.MaxCoins} in region {region.RegionCode}");
            return null;
        }

        return new ItemChoice.Custom(coins);
    }

    private static ItemChoice? NoItem(Violations violations, string description)
    {
        violations.Add("item", description);
        return null;
    }

    private void Risk(Violations violations, RiskContext risk)
    {
        if (risk.IpAddress.Length > 0 && !IPAddress.TryParse(risk.IpAddress, out _))
        {
            violations.Add("risk.ip_address", "is not an IPv4 or IPv6 address");
        }

        violations.OptionalPrintable("risk.device_id", risk.DeviceId, 128);
        if (!Enum.IsDefined(risk.VerificationLevel))
        {
            violations.Add("risk.verification_level", $"unknown value {(int)risk.VerificationLevel}");
        }

        if (risk.AccountCreatedAt is { } created && violations.ValidTimestamp("risk.account_created_at", created) > time.GetUtcNow() + ClockSkew)
        {
            violations.Add("risk.account_created_at", "lies in the future");
        }

        if (risk.EmailDomain.Length > 0 && !EmailDomainPattern().IsMatch(risk.EmailDomain))
        {
            violations.Add("risk.email_domain", "must be a domain name such as example.com (never the whole address)");
        }

        CountryCode(violations, "risk.ip_country", risk.IpCountry);
        CountryCode(violations, "risk.billing_country", risk.BillingCountry);
    }

    private static string VerificationLevelName(VerificationLevel level) =>
        level == VerificationLevel.Verified ? LimitPolicy.Verified : LimitPolicy.Unverified;

    private static void CountryCode(Violations violations, string field, string value)
    {
        if (value.Length > 0 && !CountryCodePattern().IsMatch(value))
        {
            violations.Add(field, "must be an ISO 3166-1 alpha-2 code in upper case, e.g. US");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_.:-]+$")]
    private static partial Regex UserIdPattern();

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex PromoCodePattern();

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryCodePattern();

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyPattern();

    [GeneratedRegex(@"^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$")]
    private static partial Regex EmailDomainPattern();

    private const int MaxOtpLength = 16;

    private static bool IsOtp(string otp) => otp.Length <= MaxOtpLength && otp.All(char.IsAsciiLetterOrDigit);
}
