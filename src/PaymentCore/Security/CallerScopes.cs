namespace PaymentCore.Security;

/// <summary>The scopes a calling service can be granted; each RPC needs exactly one of them.</summary>
public static class CallerScopes
{
    public const string RechargeWrite = "recharge:write";
    public const string RechargeRead = "recharge:read";
    public const string RefundWrite = "refund:write";
    public const string Admin = "admin";

    /// <summary>The claim type that carries scopes, as in OAuth 2.0 access tokens (space-separated).</summary>
    public const string ClaimType = "scope";

    public static readonly IReadOnlySet<string> All = new HashSet<string>([RechargeWrite, RechargeRead, RefundWrite, Admin]);
}
