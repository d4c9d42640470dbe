using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace PaymentCore.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL on 127.0.0.1: initdb into a temp directory and pg_ctl, run as the unprivileged
/// <c>postgres</c> system user when the tests run as root (PostgreSQL refuses to run as root). The
/// data directory survives <see cref="StopAsync"/>, so a test can take the database away and bring it back.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string SystemUser = "postgres";

    private readonly string _directory;
    private readonly string _bin;

    private PostgresServer(int port, string directory, string bin)
    {
        Port = port;
        _directory = directory;
        _bin = bin;
    }

    public int Port { get; }

    /// <summary>A connection string to the server's <c>postgres</c> database as its superuser.</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=true;Timeout=5;Command Timeout=30";

    private string DataDirectory => Path.Combine(_directory, "data");

    public static async Task<PostgresServer> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("paymentcore-postgres-").FullName;
        var server = new PostgresServer(FreePort.Next(), directory, FindBinaries());
        await server.RunAsync("chown", SystemUser, directory);
        await server.RunAsPostgresAsync(Path.Combine(server._bin, "initdb"), "-D", server.DataDirectory, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C");
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>A database of its own on this server, so test classes sharing the server never see each other's rows.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "t" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"create database {name}", connection);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Stops the server (fast shutdown: open connections are cut, as in a crash of the clients' view).</summary>
    public Task StopAsync() => RunAsPostgresAsync(Path.Combine(_bin, "pg_ctl"), "-D", DataDirectory, "-m", "fast", "-w", "stop");

    public async Task StartAgainAsync()
    {
        var options = string.Join(' ',
            "-c listen_addresses=127.0.0.1",
            "-c port=" + Port.ToString(CultureInfo.InvariantCulture),
            "-c unix_socket_directories=" + _directory,
            "-c fsync=off",
            "-c max_connections=200");
        await RunAsPostgresAsync(Path.Combine(_bin, "pg_ctl"), "-D", DataDirectory, "-l", Path.Combine(_directory, "log"), "-o", options, "-w", "-t", "60", "start");
        NpgsqlConnection.ClearAllPools();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            await Task.Run(() => Directory.Delete(_directory, recursive: true));
        }
    }

    /// <summary>The server binaries: Debian keeps them in /usr/lib/postgresql/N/bin, off the PATH; the newest wins.</summary>
    private static string FindBinaries()
    {
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
                .FirstOrDefault()
            : null;
        if (debian is not null)
        {
            return debian;
        }

        var bindir = Run("pg_config", "--bindir");
        Assert.True(bindir is not null && File.Exists(Path.Combine(bindir, "initdb")),
            "PostgreSQL's initdb was not found (is the postgresql package installed? the README's test command installs it)");
        return bindir!;
    }

    private static string? Run(string file, string argument)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(file, argument) { RedirectStandardOutput = true })!;
            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private Task RunAsPostgresAsync(string file, params string[] arguments) =>
        Environment.UserName == "root" ? RunAsync("runuser", ["-u", SystemUser, "--", file, .. arguments]) : RunAsync(file, arguments);

    private async Task RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _directory };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', arguments)} failed:\n{await output}{await error}");
    }
}

/// <summary>One PostgreSQL for a test collection.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    public PostgresServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await PostgresServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>PostgreSQL and a Redis node, shared by the ledger's tests.</summary>
public sealed class LedgerFixture : IAsyncLifetime
{
    public PostgresServer Postgres { get; private set; } = null!;

    public RedisServer Redis { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var postgres = PostgresServer.StartAsync();
        var redis = RedisServer.StartAsync();
        Postgres = await postgres;
        Redis = await redis;
    }

    public async Task DisposeAsync()
    {
        await Postgres.DisposeAsync();
        await Redis.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class LedgerCollection : ICollectionFixture<LedgerFixture>
{
    public const string Name = "ledger";
}
