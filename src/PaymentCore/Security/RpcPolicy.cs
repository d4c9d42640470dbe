using System.Collections.Frozen;
using PaymentCore.Api.V1;

namespace PaymentCore.Security;

/// <summary>What a caller needs to make one RPC, and whether the RPC changes state (and so is audited).</summary>
/// <param name="Scope">The scope the caller must hold; null when any authenticated caller may call.</param>
/// <param name="Public">Callable without credentials (health probes).</param>
public sealed record RpcPolicy(string? Scope, bool Mutating, bool Public = false)
{
    private static readonly RpcPolicy Health = new(Scope: null, Mutating: false, Public: true);
    private static readonly RpcPolicy AnyCaller = new(Scope: null, Mutating: false);

    /// <summary>
    /// The table of every PaymentCore RPC. A method missing here is refused to everyone
    /// (<see cref="For"/> answers null), so a new RPC is closed until it is given a scope.
    /// </summary>
    private static readonly FrozenDictionary<string, RpcPolicy> Table = new Dictionary<string, RpcPolicy>
    {
        [Method(RechargeService.Descriptor, "ListPackages")] = new(CallerScopes.RechargeRead, Mutating: false),
        [Method(RechargeService.Descriptor, "QuoteRecharge")] = new(CallerScopes.RechargeRead, Mutating: false),
        [Method(RechargeService.Descriptor, "CreateRecharge")] = new(CallerScopes.RechargeWrite, Mutating: true),
        [Method(RechargeService.Descriptor, "ConfirmRecharge")] = new(CallerScopes.RechargeWrite, Mutating: true),
        [Method(RechargeService.Descriptor, "GetRecharge")] = new(CallerScopes.RechargeRead, Mutating: false),
        [Method(RechargeService.Descriptor, "ListRecharges")] = new(CallerScopes.RechargeRead, Mutating: false),
        [Method(RechargeService.Descriptor, "RefundRecharge")] = new(CallerScopes.RefundWrite, Mutating: true),
        [Method(RechargeService.Descriptor, "GetLimits")] = new(CallerScopes.RechargeRead, Mutating: false),
        [Method(RechargeService.Descriptor, "SetSpendingBudget")] = new(CallerScopes.RechargeWrite, Mutating: true),
        [Method(RechargeService.Descriptor, "ListSavedInstruments")] = new(CallerScopes.RechargeRead, Mutating: false),
        [Method(RechargeService.Descriptor, "DeleteSavedInstrument")] = new(CallerScopes.RechargeWrite, Mutating: true),
        [Method(AdminService.Descriptor, "ListAuditEntries")] = new(CallerScopes.Admin, Mutating: false),
        [Method(AdminService.Descriptor, "IssueVouchers")] = new(CallerScopes.Admin, Mutating: true),
    }.ToFrozenDictionary();

    /// <summary>The paths of every RPC in the table, e.g. "/paymentcore.v1.RechargeService/CreateRecharge".</summary>
    public static IEnumerable<string> Methods => Table.Keys;

    /// <summary>The policy of a gRPC method path; null for a method nobody may call.</summary>
    public static RpcPolicy? For(string method) => method switch
    {
        _ when Table.TryGetValue(method, out var policy) => policy,
        _ when method.StartsWith("/grpc.health.v1.Health/", StringComparison.Ordinal) => Health,
        // The schema is no secret, but only known callers get to browse it.
        _ when method.StartsWith("/grpc.reflection.", StringComparison.Ordinal) => AnyCaller,
        _ => null,
    };

    private static string Method(Google.Protobuf.Reflection.ServiceDescriptor service, string name) =>
        service.FindMethodByName(name) is { } method
            ? $"/{service.FullName}/{method.Name}"
            : throw new InvalidOperationException($"{service.FullName} has no method {name}.");
}
