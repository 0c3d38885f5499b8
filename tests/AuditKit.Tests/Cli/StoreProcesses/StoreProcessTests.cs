using System.Diagnostics;
using System.Globalization;
using AuditKit.Tests.Cli.StoreCommands;
using AuditKit.Tests.Support;
using Microsoft.Data.Sqlite;

namespace AuditKit.Tests.Cli.StoreProcesses;

/// <summary>Real <c>auditkit</c> processes sharing one SQLite store: at the same time, and killed halfway.</summary>
public sealed class StoreProcessTests : IDisposable
{
    private readonly StoreCliFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Run_TwoProcessesOnOneStore_BothSucceedAndNothingIsCountedTwice()
    {
        var autumn = await _folder.SynthAsync("autumn.csv", 600, endMonth: "2026-11");
        var summer = await _folder.SynthAsync("summer.csv", 400, endMonth: "2026-08");

        // The same autumn file in both, plus summer in the second: 1,000 distinct audits.
        var first = Start("run", "--template", StoreCliFolder.Template, "--submissions", autumn, "--out", "out1", "--db", "shared.db", "--as-of", "2026-11-30", "--outputs", "json");
        var second = Start("run", "--template", StoreCliFolder.Template, "--submissions", autumn, summer, "--out", "out2", "--db", "shared.db", "--as-of", "2026-11-30", "--outputs", "json");
        var results = await Task.WhenAll(Finish(first), Finish(second));

        results.ShouldAllBe(r => r.ExitCode == 0);
        var lines = results.Select(r => r.Out.Split('\n').Single(l => l.StartsWith("Store shared.db: ", StringComparison.Ordinal))).ToList();
        lines.Sum(NewAudits).ShouldBe(1000, string.Join("\n", lines));
        Scalar("SELECT count(*) FROM submissions").ShouldBe(1000);
        Scalar("SELECT count(*) FROM submissions WHERE is_current = 1").ShouldBe(1000);
        Scalar("SELECT count(*) FROM (SELECT action_id FROM action_history WHERE change = 'raised' GROUP BY action_id HAVING count(*) > 1) AS twice").ShouldBe(0);
        Text("PRAGMA integrity_check").ShouldBe("ok");
    }

    [Fact]
    public async Task Run_KilledWhileRecording_LeavesTheStoreAsItWas()
    {
        var small = await _folder.SynthAsync("small.csv", 50, endMonth: "2026-06", months: 1);
        var big = await _folder.SynthAsync("big.csv", 20_000, endMonth: "2026-11");
        var seed = await _folder.AuditAsync("out0", small, "--db", "store.db");
        seed.ExitCode.ShouldBe(0, seed.Error);
        var before = (Scalar("SELECT count(*) FROM submissions"), Scalar("SELECT count(*) FROM actions"), Scalar("SELECT count(*) FROM action_history"));

        // Kill the process as soon as it has written its reports: it is then recording into the store.
        var process = Start("run", "--template", StoreCliFolder.Template, "--submissions", big, "--out", "out", "--db", "store.db", "--as-of", "2026-11-30", "--outputs", "json");
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("Outputs written to", StringComparison.Ordinal))
            {
                process.Kill(entireProcessTree: true);
                break;
            }
        }

        await process.WaitForExitAsync();

        // All or nothing: either the run had committed before the kill, or the store is exactly as before.
        Text("PRAGMA integrity_check").ShouldBe("ok");
        var after = (Scalar("SELECT count(*) FROM submissions"), Scalar("SELECT count(*) FROM actions"), Scalar("SELECT count(*) FROM action_history"));
        if (after != before)
        {
            after.Item1.ShouldBe(before.Item1 + 20_000);
        }

        var again = await _folder.AuditAsync("out2", big, "--db", "store.db");
        again.ExitCode.ShouldBe(0, again.Error);
        Scalar("SELECT count(*) FROM submissions WHERE is_current = 1").ShouldBe(before.Item1 + 20_000);
    }

    private Process Start(params string[] args) => CliProcess.Start(_folder.Path, args);

    private static Task<(int ExitCode, string Out, string Error)> Finish(Process process) => CliProcess.Finish(process);

    /// <summary>New audits in a "Store ...: N audits (A new, ...)" line.</summary>
    private static int NewAudits(string line) =>
        int.Parse(System.Text.RegularExpressions.Regex.Match(line, @"audits \((\d+) new,").Groups[1].Value, CultureInfo.InvariantCulture);

    private long Scalar(string sql) => Convert.ToInt64(Query(sql), CultureInfo.InvariantCulture);

    private string Text(string sql) => Convert.ToString(Query(sql), CultureInfo.InvariantCulture) ?? string.Empty;

    private object? Query(string sql)
    {
        var file = File.Exists(_folder.File("shared.db")) ? "shared.db" : "store.db";
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _folder.File(file), Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
