using PaymentCore.Adapters;
using PaymentCore.Adapters.Sandbox;
using V1 = PaymentCore.Api.V1;

namespace PaymentCore.PaymentMethods;

/// <summary>The deterministic Sandbox: its token picks the outcome (<see cref="SandboxTokens"/>).</summary>
public sealed class SandboxPaymentMethod : PaymentMethodEntry<SandboxInstrument>
{
    public override PaymentMethodType Type => PaymentMethodType.Sandbox;
    public override string Name => "sandbox";
    public override V1.PaymentMethod.MethodOneofCase ProtoCase => V1.PaymentMethod.MethodOneofCase.Sandbox;
    public override V1.PaymentMethodType ProtoType => V1.PaymentMethodType.Sandbox;
    public override IReadOnlyList<string> Gateways { get; } = [SandboxGateway.GatewayName];
    public override bool CanBeSaved => true;
    public override V1.PaymentMethod Example => new() { Sandbox = new V1.SandboxMethod { Token = SandboxTokens.Ok } };

    protected override SandboxInstrument? Read(V1.PaymentMethod method, IFieldViolations violations)
    {
        if (!SandboxTokens.All.Contains(method.Sandbox.Token))
        {
            violations.Add(FieldPath("token"), $"must be one of {string.Join(", ", SandboxTokens.All)}");
            return null;
        }

        return new SandboxInstrument(method.Sandbox.Token);
    }

    protected override RechargeInstrument Store(SandboxInstrument instrument) => new(Type, instrument.Token);

    protected override SandboxInstrument Load(RechargeInstrument stored) => new(stored.Token!);

    // Sandbox tokens are shared by everyone; scoped to the user they stand for one card each.
    protected override string? Fingerprint(string userId, SandboxInstrument instrument) => $"sandbox:{userId}:{instrument.Token}";
}
