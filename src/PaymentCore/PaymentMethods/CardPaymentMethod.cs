using PaymentCore.Adapters;
using PaymentCore.Adapters.Stripe;
using V1 = PaymentCore.Api.V1;

namespace PaymentCore.PaymentMethods;

/// <summary>A card, as the token the card gateway's client SDK made of it; never card data.</summary>
public sealed class CardPaymentMethod : PaymentMethodEntry<CardInstrument>
{
    private const int MaxTokenLength = 255;

    public override PaymentMethodType Type => PaymentMethodType.Card;
    public override string Name => "card";
    public override V1.PaymentMethod.MethodOneofCase ProtoCase => V1.PaymentMethod.MethodOneofCase.Card;
    public override V1.PaymentMethodType ProtoType => V1.PaymentMethodType.Card;
    public override IReadOnlyList<string> Gateways { get; } = [StripeGateway.GatewayName];
    public override bool CanBeSaved => true;
    public override V1.PaymentMethod Example => new() { Card = new V1.CardMethod { GatewayToken = "pm_card_visa" } };

    protected override CardInstrument? Read(V1.PaymentMethod method, IFieldViolations violations) =>
        violations.RequirePrintable(FieldPath("gateway_token"), method.Card.GatewayToken, MaxTokenLength)
            ? new CardInstrument(method.Card.GatewayToken)
            : null;

    protected override RechargeInstrument Store(CardInstrument instrument) => new(Type, instrument.GatewayToken);

    protected override CardInstrument Load(RechargeInstrument stored) => new(stored.Token!);

    protected override string? Fingerprint(string userId, CardInstrument instrument) => "card:" + instrument.GatewayToken;
}
