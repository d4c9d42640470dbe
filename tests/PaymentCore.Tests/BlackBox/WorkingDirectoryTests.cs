using System.Text.Json;
using Grpc.Net.Client;
using PaymentCore.Api.V1;
using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.BlackBox;

/// <summary>
/// The built binary behaves the same whatever directory it is started from: its appsettings.json
/// is read next to the binary (or where --contentRoot says), never from the working directory.
/// </summary>
public sealed class WorkingDirectoryTests
{
    /// <summary>Settings that would switch the vouchers the embedded appsettings.json enables off.</summary>
    private const string VouchersOff = """{ "Gateways": { "Voucher": { "Enabled": false } } }""";

    private static readonly string ProjectDirectory = Path.Combine(RepositoryPaths.Root, "src", "PaymentCore");

    [Fact]
    public async Task StartedFromAnotherDirectory_OffersTheSameMethodsAsDotnetRunInTheProject()
    {
        var elsewhere = Directory.CreateTempSubdirectory("paymentcore-cwd-");
        try
        {
            // A settings file in the working directory is someone else's: it must not be read.
            await File.WriteAllTextAsync(
                Path.Combine(elsewhere.FullName, "appsettings.json"),
                VouchersOff);

            // `dotnet run --project src/PaymentCore` runs the binary with the project directory as working directory.
            var asDotnetRun = await MethodsPerRegionAsync(ProjectDirectory);
            var fromElsewhere = await MethodsPerRegionAsync(elsewhere.FullName);

            Assert.Equal(asDotnetRun, fromElsewhere);
            Assert.All(fromElsewhere, region => Assert.Contains("voucher", region.Value));
        }
        finally
        {
            elsewhere.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task ContentRootArgument_NamesWhereTheSettingsAreRead()
    {
        var settings = Directory.CreateTempSubdirectory("paymentcore-root-");
        try
        {
            await File.WriteAllTextAsync(
                Path.Combine(settings.FullName, "appsettings.json"),
                VouchersOff);

            var methods = await MethodsPerRegionAsync(RepositoryPaths.Root, $"--contentRoot={settings.FullName}");

            Assert.All(methods, region => Assert.DoesNotContain("voucher", region.Value));
            Assert.All(methods, region => Assert.Contains("sandbox", region.Value));
        }
        finally
        {
            settings.Delete(recursive: true);
        }
    }

    private static async Task<SortedDictionary<string, string>> MethodsPerRegionAsync(string workingDirectory, params string[] settings)
    {
        await using var process = await PaymentCoreProcess.StartInAsync(workingDirectory, settings);
        using var channel = GrpcChannel.ForAddress(process.GrpcUrl);
        var recharges = new RechargeService.RechargeServiceClient(channel);
        var methods = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var region in DemoRegions())
        {
            var packages = await recharges.ListPackagesAsync(new ListPackagesRequest { RegionCode = region });
            methods[region] = string.Join(",", packages.PaymentMethods.Order(StringComparer.Ordinal));
        }

        return methods;
    }

    /// <summary>The regions of the catalog embedded in the binary, read from its source file.</summary>
    private static IEnumerable<string> DemoRegions()
    {
        using var catalog = JsonDocument.Parse(File.ReadAllText(Path.Combine(ProjectDirectory, "Catalog", "demo-catalog.json")));
        return catalog.RootElement.GetProperty("regions").EnumerateArray()
            .Select(r => r.GetProperty("regionCode").GetString()!)
            .ToList();
    }
}
