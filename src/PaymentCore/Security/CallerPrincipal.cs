using System.Security.Claims;

namespace PaymentCore.Security;

/// <summary>The authenticated calling service as a claims principal: its name and its scopes.</summary>
public static class CallerPrincipal
{
    public static ClaimsPrincipal Create(string name, IEnumerable<string> scopes, string authenticationType)
    {
        var identity = new ClaimsIdentity(authenticationType, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Name, name));
        identity.AddClaims(scopes.Select(scope => new Claim(CallerScopes.ClaimType, scope)));
        return new ClaimsPrincipal(identity);
    }

    /// <summary>Scopes come as one space-separated claim (OAuth 2.0) or as several claims; both count.</summary>
    public static bool HasScope(ClaimsPrincipal principal, string scope) =>
        principal.FindAll(CallerScopes.ClaimType)
            .SelectMany(claim => claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Contains(scope, StringComparer.Ordinal);
}
