using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace AuditKit.Tests.Store;

/// <summary>
/// A real, throw-away PostgreSQL server for the store tests: initdb in a temp folder, started on a free
/// 127.0.0.1 port (as the 'postgres' user when running as root), stopped and deleted at the end.
/// Binaries are looked for under /usr/lib/postgresql/*/bin. Without them the tests fail in CI (CI=true) and are
/// skipped elsewhere.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private const string User = "auditkit";
    private readonly object _gate = new();
    private readonly string? _bin;
    private string? _root;
    private int _port;
    private int _databases;
    private string? _failure;
    private bool _started;

    public PostgresServer()
    {
        _bin = FindBinDirectory();
    }

    /// <summary>Why PostgreSQL tests are skipped here, or null when they run (binaries found, or CI where absence must fail).</summary>
    public static string? SkipReason =>
        FindBinDirectory() is not null || IsCi
            ? null
            : "PostgreSQL binaries not found under /usr/lib/postgresql/*/bin (run 'bash .ci/postgres.sh'); skipped outside CI.";

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string? FindBinDirectory()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return null;
        }

        return Directory.GetDirectories(root)
            .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0))
            .Where(d => File.Exists(Path.Combine(d.Dir, "initdb")) && File.Exists(Path.Combine(d.Dir, "pg_ctl")))
            .OrderByDescending(d => d.Version)
            .Select(d => d.Dir)
            .FirstOrDefault();
    }

    /// <summary>Creates a fresh database and returns its connection string. Starts the server on first use.</summary>
    public string CreateDatabase()
    {
        lock (_gate)
        {
            EnsureStarted();
            var name = "ak_test_" + (++_databases).ToString(CultureInfo.InvariantCulture);
            using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = $"CREATE DATABASE {name}";
                command.ExecuteNonQuery();
            }

            return ConnectionString(name);
        }
    }

    private string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = _port,
            Username = User,
            Database = database,
            Pooling = false,
            Timeout = 30,
        }.ConnectionString;

    private void EnsureStarted()
    {
        if (_failure is not null)
        {
            throw new InvalidOperationException(_failure);
        }

        if (_started)
        {
            return;
        }

        if (_bin is null)
        {
            _failure = "PostgreSQL tests need a real server, but no initdb/pg_ctl was found under /usr/lib/postgresql/*/bin. "
                + "Install it with 'bash .ci/postgres.sh' (Debian package 'postgresql').";
            throw new InvalidOperationException(_failure);
        }

        try
        {
            _root = Path.Combine(Path.GetTempPath(), "auditkit-pg-" + Guid.NewGuid().ToString("N")[..12]);
            Directory.CreateDirectory(_root);
            var data = Path.Combine(_root, "data");
            if (IsRoot)
            {
                Run("chown", ["-R", "postgres:postgres", _root], asPostgres: false);
            }

            Run(Path.Combine(_bin, "initdb"), ["-D", data, "-U", User, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"], asPostgres: IsRoot);
            _port = FreePort();
            var options = $"-p {_port} -c listen_addresses=127.0.0.1 -k {_root} -c fsync=off -c max_connections=50";
            Run(Path.Combine(_bin, "pg_ctl"), ["-D", data, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60", "-o", options, "start"], asPostgres: IsRoot);
            _started = true;
        }
        catch (Exception exception)
        {
            _failure = "Could not start the test PostgreSQL server: " + exception.Message;
            throw new InvalidOperationException(_failure, exception);
        }
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string program, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres)
        {
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add("postgres");
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(program);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start '{program}'.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"'{Path.GetFileName(program)}' did not finish within 120 s.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{Path.GetFileName(program)}' exited with {process.ExitCode}: {error.Result}{output.Result}");
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_started && _bin is not null && _root is not null)
            {
                try
                {
                    Run(Path.Combine(_bin, "pg_ctl"), ["-D", Path.Combine(_root, "data"), "-m", "fast", "-w", "stop"], asPostgres: IsRoot);
                }
                catch (InvalidOperationException)
                {
                    // The server may already be gone; the folder is removed below either way.
                }

                _started = false;
            }

            if (_root is not null && Directory.Exists(_root))
            {
                try
                {
                    Directory.Delete(_root, recursive: true);
                }
                catch (IOException)
                {
                    // Best effort: a temp folder left behind does not fail the run.
                }
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL server";
}
