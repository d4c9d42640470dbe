using PaymentCore.Adapters;
using PaymentCore.Adapters.Sandbox;
using PaymentCore.Adapters.Xendit;
using V1 = PaymentCore.Api.V1;

namespace PaymentCore.PaymentMethods;

/// <summary>
/// A bank transfer into a virtual account opened for the payment at the bank the request names,
/// through Xendit (or the Sandbox, which stands in for the transfer). The bank is the whole
/// instrument; who pays is known only when the transfer arrives, so there is no fingerprint.
/// </summary>
public sealed class VirtualAccountPaymentMethod : PaymentMethodEntry<VirtualAccountInstrument>
{
    private const string BankField = "bank";

    /// <summary>The contract's banks and the codes the gateways know them by.</summary>
    private static readonly IReadOnlyDictionary<V1.VirtualAccountBank, string> Banks = new Dictionary<V1.VirtualAccountBank, string>
    {
        [V1.VirtualAccountBank.Bca] = VirtualAccountBanks.Bca,
        [V1.VirtualAccountBank.Bni] = VirtualAccountBanks.Bni,
        [V1.VirtualAccountBank.Bri] = VirtualAccountBanks.Bri,
        [V1.VirtualAccountBank.Mandiri] = VirtualAccountBanks.Mandiri,
        [V1.VirtualAccountBank.Permata] = VirtualAccountBanks.Permata,
    };

    public override PaymentMethodType Type => PaymentMethodType.VirtualAccount;
    public override string Name => "virtual_account";
    public override V1.PaymentMethod.MethodOneofCase ProtoCase => V1.PaymentMethod.MethodOneofCase.VirtualAccount;
    public override V1.PaymentMethodType ProtoType => V1.PaymentMethodType.VirtualAccount;
    public override IReadOnlyList<string> Gateways { get; } = [XenditGateway.GatewayName, SandboxGateway.GatewayName];
    public override V1.PaymentMethod Example => new() { VirtualAccount = new V1.VirtualAccountMethod { Bank = V1.VirtualAccountBank.Bca } };

    /// <summary>The contract's value of a bank code a gateway answered with; unspecified for a bank the contract does not name.</summary>
    public static V1.VirtualAccountBank ProtoBank(string code) =>
        Banks.FirstOrDefault(b => b.Value == code) is { Value: not null } known ? known.Key : V1.VirtualAccountBank.Unspecified;

    protected override VirtualAccountInstrument? Read(V1.PaymentMethod method, IFieldViolations violations)
    {
        if (Banks.TryGetValue(method.VirtualAccount.Bank, out var code))
        {
            return new VirtualAccountInstrument(code);
        }

        violations.Add(FieldPath(BankField), "must be one of " + string.Join(", ", Banks.Keys.Select(b => V1.VirtualAccountMethod.Descriptor.FindFieldByNumber(V1.VirtualAccountMethod.BankFieldNumber).EnumType.FindValueByNumber((int)b).Name)));
        return null;
    }

    protected override RechargeInstrument Store(VirtualAccountInstrument instrument) =>
        new(Type) { Fields = new Dictionary<string, string> { [BankField] = instrument.Bank } };

    protected override VirtualAccountInstrument Load(RechargeInstrument stored) => new(stored.Fields![BankField]);
}
