using System.Text.RegularExpressions;
using PaymentCore.Adapters;
using PaymentCore.Adapters.Voucher;
using V1 = PaymentCore.Api.V1;

namespace PaymentCore.PaymentMethods;

/// <summary>A prepaid voucher. Its code is a bearer secret: only its digest is kept, on the recharge and for the limits.</summary>
public sealed partial class VoucherPaymentMethod : PaymentMethodEntry<VoucherInstrument>
{
    public override PaymentMethodType Type => PaymentMethodType.Voucher;
    public override string Name => "voucher";
    public override V1.PaymentMethod.MethodOneofCase ProtoCase => V1.PaymentMethod.MethodOneofCase.Voucher;
    public override V1.PaymentMethodType ProtoType => V1.PaymentMethodType.Voucher;
    public override IReadOnlyList<string> Gateways { get; } = [VoucherGateway.GatewayName];
    public override V1.PaymentMethod Example => new() { Voucher = new V1.VoucherMethod { Code = "7KQM-3XWP-N9TC-HF2R" } };

    protected override VoucherInstrument? Read(V1.PaymentMethod method, IFieldViolations violations)
    {
        if (!CodePattern().IsMatch(method.Voucher.Code))
        {
            violations.Add(FieldPath("code"), "must be 6-64 letters, digits or dashes");
            return null;
        }

        return VoucherInstrument.ForCode(method.Voucher.Code);
    }

    protected override RechargeInstrument Store(VoucherInstrument instrument) => new(Type, instrument.CodeHash);

    protected override VoucherInstrument Load(RechargeInstrument stored) => new(stored.Token!);

    protected override string? Fingerprint(string userId, VoucherInstrument instrument) => "voucher:" + instrument.CodeHash;

    [GeneratedRegex("^[A-Za-z0-9-]{6,64}$")]
    private static partial Regex CodePattern();
}
