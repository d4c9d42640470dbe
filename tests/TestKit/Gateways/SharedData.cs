using System.Text.Json.Nodes;

namespace PaymentCore.Adapters.Tests.Infrastructure;

/// <summary>
/// The reference data beside the repository (<c>../shared/data</c>, or a folder further up): Stripe's fixtures and
/// webhook vectors, PayPal's OpenAPI specs, the currency tables.
/// </summary>
public static class SharedData
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    public static byte[] Bytes(string relative) => File.ReadAllBytes(PathOf(relative));

    public static JsonNode Json(string relative) =>
        JsonNode.Parse(File.ReadAllText(PathOf(relative))) ?? throw new InvalidDataException(relative + " is empty");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PaymentCore.sln")))
            {
                // Beside the repository, or beside a folder of worktrees (/work/wt/<name> next to /work/shared).
                for (var above = dir.Parent; above is not null; above = above.Parent)
                {
                    var data = Path.Combine(above.FullName, "shared", "data");
                    if (Directory.Exists(data))
                    {
                        return Path.GetFullPath(data);
                    }
                }

                throw new DirectoryNotFoundException($"The reference data is expected at shared/data beside {dir.FullName} or a folder above it.");
            }
        }

        throw new InvalidOperationException("PaymentCore.sln not found above " + AppContext.BaseDirectory);
    }
}
