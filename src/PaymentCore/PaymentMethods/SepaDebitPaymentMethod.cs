using System.Net;
using System.Text.RegularExpressions;
using PaymentCore.Adapters;
using PaymentCore.Adapters.Stripe;
using V1 = PaymentCore.Api.V1;

namespace PaymentCore.PaymentMethods;

/// <summary>
/// SEPA Direct Debit (the euro area): the bank account as the token the gateway's client SDK made of
/// the payer's IBAN, and the online mandate the payer accepted. The IBAN itself is never taken: a
/// request that carries one where the token belongs is refused without echoing it, so it is neither
/// stored nor logged. The debit takes days; the recharge stays PROCESSING meanwhile.
/// </summary>
public sealed partial class SepaDebitPaymentMethod : PaymentMethodEntry<SepaDebitInstrument>
{
    private const int MaxTokenLength = 255;
    private const int MaxUserAgentLength = 1024;
    private const string MandateIpField = "mandate_ip_address";
    private const string MandateUserAgentField = "mandate_user_agent";

    public override PaymentMethodType Type => PaymentMethodType.SepaDebit;
    public override string Name => "sepa_debit";
    public override V1.PaymentMethod.MethodOneofCase ProtoCase => V1.PaymentMethod.MethodOneofCase.SepaDebit;
    public override V1.PaymentMethodType ProtoType => V1.PaymentMethodType.SepaDebit;
    public override IReadOnlyList<string> Gateways { get; } = [StripeGateway.GatewayName];

    public override V1.PaymentMethod Example => new()
    {
        SepaDebit = new V1.SepaDebitMethod
        {
            GatewayToken = "pm_1SepaDebitExample",
            MandateIpAddress = "203.0.113.7",
            MandateUserAgent = "Mozilla/5.0 (X11; Linux x86_64)",
        },
    };

    protected override SepaDebitInstrument? Read(V1.PaymentMethod method, IFieldViolations violations)
    {
        var debit = method.SepaDebit;
        var token = TokenOk(debit.GatewayToken, violations);
        var ip = IPAddress.TryParse(debit.MandateIpAddress, out _);
        if (!ip)
        {
            violations.Add(FieldPath(MandateIpField), "must be the IPv4 or IPv6 address the payer accepted the mandate from");
        }

        var userAgent = violations.RequirePrintable(FieldPath(MandateUserAgentField), debit.MandateUserAgent, MaxUserAgentLength);
        return token && ip && userAgent ? new SepaDebitInstrument(debit.GatewayToken, debit.MandateIpAddress, debit.MandateUserAgent) : null;
    }

    protected override RechargeInstrument Store(SepaDebitInstrument instrument) => new(Type, instrument.GatewayToken)
    {
        Fields = new Dictionary<string, string> { [MandateIpField] = instrument.MandateIpAddress, [MandateUserAgentField] = instrument.MandateUserAgent },
    };

    protected override SepaDebitInstrument Load(RechargeInstrument stored) =>
        new(stored.Token!, stored.Fields![MandateIpField], stored.Fields[MandateUserAgentField]);

    protected override string? Fingerprint(string userId, SepaDebitInstrument instrument) => "sepa_debit:" + instrument.GatewayToken;

    private bool TokenOk(string token, IFieldViolations violations)
    {
        var field = FieldPath("gateway_token");
        if (IbanLike().IsMatch(token))
        {
            violations.Add(field, "must be the gateway's token of the bank account (for Stripe a PaymentMethod id pm_...), never the IBAN itself");
            return false;
        }

        return violations.RequirePrintable(field, token, MaxTokenLength);
    }

    /// <summary>Text shaped like an IBAN, in any case, spaced or not.</summary>
    [GeneratedRegex(@"^\s*[A-Za-z]{2}\d{2}(?:\s?[A-Za-z0-9]){11,30}\s*$")]
    private static partial Regex IbanLike();
}
