namespace PaymentCore.Tests.Infrastructure;

/// <summary>A catalog file in a directory of its own, deleted with it; tests write and rewrite it to drive reloads.</summary>
public sealed class TempCatalogFile : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("paymentcore-catalog-").FullName;

    public TempCatalogFile(string json)
    {
        Path = System.IO.Path.Combine(_directory, "catalog.json");
        Write(json);
    }

    public string Path { get; }

    /// <summary>Replaces the file whole (write then rename), as a deployment would, so a poll never reads half a file.</summary>
    public void Write(string json)
    {
        var next = Path + ".next";
        File.WriteAllText(next, json);
        File.Move(next, Path, overwrite: true);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
