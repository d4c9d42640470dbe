using System.Reflection;
using PaymentCore.Adapters;
using PaymentCore.FraudRules;
using PaymentCore.Hosting;

namespace PaymentCore.Tests.Architecture;

/// <summary>
/// The dependency rules of the house, read from the compiled assemblies: the adapters and the rule
/// language know nothing of the host or the contract, the domain nothing of gRPC, Kestrel or Redis,
/// Stripe.net stays inside its adapter, and the host's folders form no new cycle.
/// </summary>
public sealed class ArchitectureTests
{
    private const string HostAssembly = "PaymentCore";
    private const string ContractAssembly = "PaymentCore.Contracts";

    private static readonly Assembly Host = typeof(PaymentCoreHost).Assembly;
    private static readonly Assembly Adapters = typeof(IPaymentGateway).Assembly;
    private static readonly Assembly FraudRules = typeof(RuleAction).Assembly;
    private static readonly Lazy<IReadOnlyList<TypeUse>> HostUses = new(() => TypeReferences.Of(Host));

    /// <summary>The recharge, its state machine, money, pricing, limits and the store ports (not their Redis implementation).</summary>
    private static readonly string[] DomainNamespaces =
    [
        "PaymentCore.Currencies",
        "PaymentCore.Limits",
        "PaymentCore.Pricing",
        "PaymentCore.Promotions",
        "PaymentCore.Recharges",
        "PaymentCore.State",
    ];

    /// <summary>What the domain must not know: gRPC, protobuf and the generated contract, ASP.NET Core (Kestrel), the Redis client.</summary>
    private static readonly string[] InfrastructureNamespaces = ["Grpc", "Google.Protobuf", "Google.Rpc", "PaymentCore.Api.V1", "Microsoft.AspNetCore", "StackExchange.Redis"];

    /// <summary>
    /// Folder uses that are part of a cycle today (2026-12-01: one knot of 17 folders around
    /// Recharges, and Catalog with Routing). This list may only shrink: a use that closes a new
    /// cycle fails the test; remove a line when its cycle is gone.
    /// </summary>
    private static readonly string[] KnownCycleEdges =
    [
        "Api -> Audit",
        "Api -> Errors",
        "Api -> Limits",
        "Api -> Pricing",
        "Api -> Recharges",
        "Api -> Security",
        "Api -> State",
        "Api -> Telemetry",
        "Audit -> Api",
        "Audit -> Confirmations",
        "Audit -> Errors",
        "Audit -> Recharges",
        "Audit -> Security",
        "Audit -> State",
        "Audit -> Vouchers",
        "Catalog -> Routing",
        "Confirmations -> Api",
        "Confirmations -> Recharges",
        "Confirmations -> State",
        "Errors -> Limits",
        "Fraud -> Limits",
        "Fraud -> Recharges",
        "Fraud -> Telemetry",
        "Hosting -> Api",
        "Hosting -> Audit",
        "Hosting -> Confirmations",
        "Hosting -> Fraud",
        "Hosting -> Limits",
        "Hosting -> Pricing",
        "Hosting -> Security",
        "Hosting -> State",
        "Hosting -> Telemetry",
        "Hosting -> Vouchers",
        "Hosting -> Webhooks",
        "Limits -> Errors",
        "Limits -> Recharges",
        "Pricing -> Errors",
        "Pricing -> Recharges",
        "Pricing -> State",
        "Recharges -> Audit",
        "Recharges -> Confirmations",
        "Recharges -> Errors",
        "Recharges -> Fraud",
        "Recharges -> Limits",
        "Recharges -> Pricing",
        "Recharges -> State",
        "Recharges -> Telemetry",
        "Routing -> Catalog",
        "Security -> Api",
        "Security -> Errors",
        "Security -> Telemetry",
        "State -> Confirmations",
        "State -> Limits",
        "State -> Recharges",
        "Telemetry -> Api",
        "Telemetry -> Hosting",
        "Vouchers -> Api",
        "Vouchers -> Errors",
        "Vouchers -> Recharges",
        "Vouchers -> State",
        "Webhooks -> Hosting",
        "Webhooks -> Recharges",
        "Webhooks -> State",
        // Joined the knot when the ledger (State <-> Ledger) and the Redis connection metrics
        // (State -> Telemetry) landed beside the first version of this list; break them next.
        "Hosting -> Ledger",
        "Ledger -> Recharges",
        "Ledger -> State",
        "State -> Ledger",
        "State -> Telemetry",
        // The ledger archives the audit trail. Both folders were in the knot already, so the knot
        // did not grow, but any use between them counts; it goes with State <-> Ledger.
        "Ledger -> Audit",
    ];

    /// <summary>
    /// Domain types that still know an infrastructure type; may only shrink. IdempotencyScope hashes
    /// the protobuf request for the idempotency fingerprint: that part belongs to the API layer.
    /// </summary>
    private static readonly string[] KnownDomainViolations =
    [
        "PaymentCore.State.IdempotencyScope",
    ];

    [Theory]
    [InlineData("PaymentCore.Adapters")]
    [InlineData("PaymentCore.FraudRules")]
    public void AdaptersAndFraudRules_ReferenceNeitherTheHostNorTheContract(string assemblyName)
    {
        var assembly = assemblyName == Adapters.GetName().Name ? Adapters : FraudRules;

        AssertNone(TypeReferences.Of(assembly).Where(u => u.ToAssembly is HostAssembly or ContractAssembly), $"{assemblyName} must not know the host or the contract");
        Assert.DoesNotContain(assembly.GetReferencedAssemblies(), a => a.Name is HostAssembly or ContractAssembly);
    }

    [Fact]
    public void Domain_KnowsNothingOfGrpcKestrelOrRedis()
    {
        AssertNone(
            HostUses.Value
                .Where(u => DomainNamespaces.Contains(u.FromNamespace, StringComparer.Ordinal) && InfrastructureNamespaces.Any(n => IsIn(u.ToNamespace, n)))
                .Where(u => !KnownDomainViolations.Contains(u.FromType, StringComparer.Ordinal)),
            "The domain must not know gRPC, Kestrel or Redis");
    }

    [Fact]
    public void StripeTypes_AreUsedOnlyInsideTheStripeAdapter()
    {
        AssertNone(
            new[] { Host, Adapters, FraudRules }.SelectMany(TypeReferences.Of).Where(u => u.ToAssembly == "Stripe.net" && !IsIn(u.FromNamespace, "PaymentCore.Adapters.Stripe")),
            "Stripe.net types belong to PaymentCore.Adapters.Stripe only");
    }

    [Fact]
    public void HostFolders_CloseNoCycleBeyondTheKnownOnes()
    {
        var graph = new FolderGraph(HostUses.Value, HostAssembly);

        var newEdges = graph.CycleEdges().Except(KnownCycleEdges, StringComparer.Ordinal).ToList();

        Assert.True(
            newEdges.Count == 0,
            "New folder cycles in src/PaymentCore (break them, e.g. move the type both sides need into the domain):\n"
                + string.Join("\n", newEdges.Select(e => $"  {e}   closes   {graph.CycleThrough(e.Split(" -> ")[0], e.Split(" -> ")[1])}"))
                + "\nEvery use inside a cycle today:\n"
                + string.Join("\n", graph.CycleEdges().Select(e => $"        \"{e}\",")));
    }

    /// <summary>Fails naming every offending use, one per line.</summary>
    private static void AssertNone(IEnumerable<TypeUse> offending, string rule)
    {
        var lines = offending.Select(u => $"{u.FromType} uses {u.ToType} ({u.ToAssembly})").Distinct().ToList();
        Assert.True(lines.Count == 0, $"{rule}:\n" + string.Join("\n", lines));
    }

    /// <summary>Whether <paramref name="ns"/> is <paramref name="root"/> or one of its sub-namespaces.</summary>
    private static bool IsIn(string ns, string root) =>
        ns == root || ns.StartsWith(root + ".", StringComparison.Ordinal);
}
