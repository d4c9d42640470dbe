using System.Reflection;
using PaymentCore.Adapters;
using PaymentCore.FraudRules;
using PaymentCore.Hosting;

namespace PaymentCore.Tests.Architecture;

/// <summary>
/// The dependency rules of the house, read from the compiled assemblies: the adapters and the rule
/// language know nothing of the host or the contract, the domain nothing of gRPC, Kestrel or Redis,
/// Stripe.net stays inside its adapter, and the host's folders form no cycle.
/// </summary>
public sealed class ArchitectureTests
{
    private const string HostAssembly = "PaymentCore";
    private const string ContractAssembly = "PaymentCore.Contracts";

    private static readonly Assembly Host = typeof(PaymentCoreHost).Assembly;
    private static readonly Assembly Adapters = typeof(IPaymentGateway).Assembly;
    private static readonly Assembly FraudRules = typeof(RuleAction).Assembly;
    private static readonly Lazy<IReadOnlyList<TypeUse>> HostUses = new(() => TypeReferences.Of(Host));

    /// <summary>
    /// The recharge, its state machine, money, errors, pricing, limits, the audit entries, the store
    /// ports (not their implementations) and the flow that drives a recharge on them.
    /// </summary>
    private static readonly string[] DomainNamespaces =
    [
        "PaymentCore.Audit",
        "PaymentCore.Currencies",
        "PaymentCore.Errors",
        "PaymentCore.Limits",
        "PaymentCore.Orchestration",
        "PaymentCore.Pricing",
        "PaymentCore.Promotions",
        "PaymentCore.Recharges",
        "PaymentCore.Recharges.SavedInstruments",
        "PaymentCore.State",
    ];

    /// <summary>What the domain must not know: gRPC, protobuf and the generated contract, ASP.NET Core (Kestrel), the Redis client.</summary>
    private static readonly string[] InfrastructureNamespaces = ["Grpc", "Google.Protobuf", "Google.Rpc", "PaymentCore.Api.V1", "Microsoft.AspNetCore", "StackExchange.Redis"];

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
                .Where(u => DomainNamespaces.Contains(u.FromNamespace, StringComparer.Ordinal) && InfrastructureNamespaces.Any(n => IsIn(u.ToNamespace, n))),
            "The domain must not know gRPC, Kestrel or Redis");
    }

    [Fact]
    public void StripeTypes_AreUsedOnlyInsideTheStripeAdapter()
    {
        AssertNone(
            new[] { Host, Adapters, FraudRules }.SelectMany(TypeReferences.Of).Where(u => u.ToAssembly == "Stripe.net" && !IsIn(u.FromNamespace, "PaymentCore.Adapters.Stripe")),
            "Stripe.net types belong to PaymentCore.Adapters.Stripe only");
    }

    /// <summary>
    /// The host's folders are layered: no folder uses one that (through others) uses it back. A use
    /// that would close a cycle fails, naming the way back; break it by moving the type both sides
    /// need down, into the folder below both (the domain, a port in State, a value in Recharges).
    /// Inside a folder its subfolders are layered too (Stores.Redis and Stores.InMemory under Stores).
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void HostFolders_FormNoCycle(bool subfolders)
    {
        var graph = new FolderGraph(HostUses.Value, HostAssembly, subfolders);

        var cycleEdges = graph.CycleEdges();

        Assert.True(
            cycleEdges.Count == 0,
            "Folder cycles in src/PaymentCore:\n"
                + string.Join("\n", cycleEdges.Select(e => $"  {e}   closes   {graph.CycleThrough(e.Split(" -> ")[0], e.Split(" -> ")[1])}")));
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
