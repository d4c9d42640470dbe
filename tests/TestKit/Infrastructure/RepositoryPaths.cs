namespace PaymentCore.Tests.Infrastructure;

/// <summary>Finds files of the repository from the test binaries.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release: the configuration these tests were built in.</summary>
    public static string Configuration { get; } =
        new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    public static string Buf => Path.Combine(Root, ".tools", "node_modules", ".bin", "buf");

    /// <summary>A file of the repository, by its path from the root ("ops/prometheus/alerts.yml").</summary>
    public static string Of(string relativePath) => Path.Combine(Root, relativePath);

    public static string PaymentCoreDll =>
        Path.Combine(Root, "src", "PaymentCore", "bin", Configuration, "net10.0", "PaymentCore.dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PaymentCore.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("PaymentCore.sln not found above " + AppContext.BaseDirectory);
    }
}
