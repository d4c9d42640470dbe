namespace PaymentCore.Adapters.Http;

/// <summary>Where a gateway's API path lies under its configured base, which may itself carry a path prefix (a proxy's).</summary>
public static class ApiBase
{
    public static Uri Resolve(Uri apiBase, string pathAndQuery) =>
        new(apiBase.AbsoluteUri.EndsWith('/') ? apiBase : new Uri(apiBase.AbsoluteUri + "/"), pathAndQuery);
}
