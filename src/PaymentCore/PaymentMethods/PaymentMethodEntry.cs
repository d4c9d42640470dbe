using PaymentCore.Adapters;
using V1 = PaymentCore.Api.V1;

namespace PaymentCore.PaymentMethods;

/// <summary>
/// Everything PaymentCore knows about one payment method, in one place: how a request names it and
/// what makes that part of the request valid, its name in catalogs and fraud rules, how its
/// instrument is kept on a recharge, what identifies the instrument for the limits, how the method
/// is shown back on a recharge, and which gateways may serve it. Adding a method is a subclass of
/// <see cref="PaymentMethodEntry{TInstrument}"/> (found by <see cref="PaymentMethodRegistry"/>),
/// its gateway's support, its proto message and its catalog entries.
/// </summary>
public abstract class PaymentMethodEntry
{
    /// <summary>The method as the gateways and routing know it.</summary>
    public abstract PaymentMethodType Type { get; }

    /// <summary>Its name in catalog files, fraud rules (<c>:payment_method:</c>), limit tiers, ListPackages and errors: "card", "wechat_pay".</summary>
    public abstract string Name { get; }

    /// <summary>The <c>PaymentMethod.method</c> case a request names it with.</summary>
    public abstract V1.PaymentMethod.MethodOneofCase ProtoCase { get; }

    /// <summary>How a recharge paid with it shows its <c>payment_method_type</c>.</summary>
    public abstract V1.PaymentMethodType ProtoType { get; }

    /// <summary>The gateways (by adapter name) that can serve it; a catalog may route it to these only.</summary>
    public abstract IReadOnlyList<string> Gateways { get; }

    /// <summary>A request part that is valid for this method; the registry's round-trip test starts from it.</summary>
    public abstract V1.PaymentMethod Example { get; }

    /// <summary>
    /// Whether the instrument is personal data (a phone number): then it is stored masked, so it does
    /// not read back whole (<see cref="FromStored"/> gives the masked form; the gateway finds the
    /// payment again by its idempotency key), and its limit fingerprint is keyed
    /// (<see cref="Limits.InstrumentFingerprints"/>).
    /// </summary>
    public virtual bool InstrumentIsPersonalData => false;

    /// <summary>The proto field of <see cref="ProtoCase"/> ("local_wallet"): the root of this method's field paths.</summary>
    public string ProtoField => V1.PaymentMethod.Descriptor.FindFieldByNumber((int)ProtoCase).Name;

    /// <summary>
    /// Whether a request of <see cref="ProtoCase"/> names this method. A case several methods share
    /// (local_wallet: Alipay, WeChat Pay) tells them apart by a field of its message.
    /// </summary>
    public virtual bool Claims(V1.PaymentMethod method) => true;

    /// <summary>The instrument of a request of this method, or null with its problems added to <paramref name="violations"/>.</summary>
    public abstract PaymentInstrument? Validate(V1.PaymentMethod method, IFieldViolations violations);

    /// <summary>The instrument as kept on the recharge.</summary>
    public abstract RechargeInstrument ToStored(PaymentInstrument instrument);

    /// <summary>The instrument back from what <see cref="ToStored"/> kept (also from recharges stored by earlier releases).</summary>
    public abstract PaymentInstrument FromStored(RechargeInstrument stored);

    /// <summary>What identifies the instrument for the instrument limits, or null when it is only known after the payer acts.</summary>
    public abstract string? FingerprintOf(string userId, PaymentInstrument instrument);

    /// <summary>
    /// Says what is wrong with a request of <see cref="ProtoCase"/> that none of the methods sharing
    /// it claims. Only a shared case can get here: a method alone in its case claims every request.
    /// </summary>
    /// <param name="sameCase">Every method of the case, in registry order.</param>
    public virtual void RefuseUnclaimed(V1.PaymentMethod method, IFieldViolations violations, IReadOnlyList<PaymentMethodEntry> sameCase) =>
        throw new InvalidOperationException($"Payment method {Name} claims every request of case {ProtoCase}; nothing is left unclaimed.");

    /// <summary>The proto path of a field of this method's message: "payment_method.card.gateway_token".</summary>
    protected string FieldPath(string field) => $"payment_method.{ProtoField}.{field}";

    /// <summary>A required absolute https URL of up to 2048 characters, or null (and a violation).</summary>
    protected static Uri? HttpsUrl(IFieldViolations violations, string field, string value)
    {
        if (!violations.RequirePrintable(field, value, 2048))
        {
            return null;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            violations.Add(field, "must be an absolute https URL");
            return null;
        }

        return uri;
    }
}

/// <summary>A payment method whose gateways are handed a <typeparamref name="TInstrument"/>.</summary>
public abstract class PaymentMethodEntry<TInstrument> : PaymentMethodEntry
    where TInstrument : PaymentInstrument
{
    public sealed override PaymentInstrument? Validate(V1.PaymentMethod method, IFieldViolations violations) => Read(method, violations);

    public sealed override RechargeInstrument ToStored(PaymentInstrument instrument) => Store(Own(instrument));

    public sealed override PaymentInstrument FromStored(RechargeInstrument stored) =>
        stored.Type == Type ? Load(stored) : throw new ArgumentException($"A stored {stored.Type} instrument is not one of {Name}.", nameof(stored));

    public sealed override string? FingerprintOf(string userId, PaymentInstrument instrument) => Fingerprint(userId, Own(instrument));

    /// <summary>The instrument of a request of this method, or null with its problems added to <paramref name="violations"/>.</summary>
    protected abstract TInstrument? Read(V1.PaymentMethod method, IFieldViolations violations);

    /// <summary>The instrument as kept on the recharge; never a secret the gateway would not need again (a voucher code, card data).</summary>
    protected abstract RechargeInstrument Store(TInstrument instrument);

    protected abstract TInstrument Load(RechargeInstrument stored);

    /// <summary>What identifies the instrument for the instrument limits; null (the default) when nothing does before the payer acts.</summary>
    protected virtual string? Fingerprint(string userId, TInstrument instrument) => null;

    private TInstrument Own(PaymentInstrument instrument) =>
        instrument is TInstrument own && own.MethodType == Type
            ? own
            : throw new ArgumentException($"A {instrument.MethodType} instrument is not one of {Name}.", nameof(instrument));
}
