namespace PaymentCore.Hosting;

/// <summary>
/// Where appsettings.json is read from: the directory of the binary, unless <c>--contentRoot</c>
/// (or <c>ASPNETCORE_CONTENTROOT</c> / <c>DOTNET_CONTENTROOT</c>) names another. ASP.NET Core's
/// default is the working directory, so the same binary started from the repository root read no
/// settings at all and silently offered no vouchers; the embedded defaults must not depend on
/// where a shell happens to be.
/// </summary>
public static class ContentRoot
{
    public static string Of(string[] args)
    {
        // The same sources and precedence the host itself reads contentRoot from.
        var asked = new ConfigurationBuilder()
            .AddEnvironmentVariables("DOTNET_")
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddCommandLine(args)
            .Build()[WebHostDefaults.ContentRootKey];
        return asked is { Length: > 0 } ? Path.GetFullPath(asked) : AppContext.BaseDirectory;
    }
}
