using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using AuditKit.Tests.Cli.StoreCommands;
using AuditKit.Tests.Support;
using Microsoft.Data.Sqlite;

namespace AuditKit.Tests.Cli.StoreProcesses;

/// <summary>
/// <c>run</c> and <c>watch</c> as real processes, killed at random moments while their input files are replaced, cut
/// short and deleted. Whatever the moment: every output file is whole (the previous one or the new one), the store is
/// consistent (each run recorded whole or not at all, one current revision per audit, nothing counted twice),
/// <c>processed/</c> holds only what was recorded, and running again gives the right result. The random choices follow
/// a seed (<c>AUDITKIT_FAULT_SEED</c>; the default below), named in every failure; the processes' timing varies from run
/// to run, and the checks hold for any timing.
/// </summary>
public sealed class FaultInjectionTests : IDisposable
{
    private const int DefaultSeed = 20261130;
    private static readonly string[] Outputs = ["summary.json", "rejected.csv", "report.html"];
    private readonly StoreCliFolder _folder = new();
    private readonly int _seed = int.TryParse(Environment.GetEnvironmentVariable("AUDITKIT_FAULT_SEED"), CultureInfo.InvariantCulture, out var seed) ? seed : DefaultSeed;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Run_KilledOrItsInputChangedAtRandomMoments_OutputsWholeStoreConsistentAndARunAgainRight()
    {
        // Arrange: three versions of one file (b revises some of a's audits, c holds other audits), and the outputs a
        // whole run of each gives.
        var random = new Random(_seed);
        var versions = await Versions();
        var input = _folder.File("audits.csv");
        var reference = new List<Dictionary<string, byte[]>>();
        for (var v = 0; v < versions.Count; v++)
        {
            File.WriteAllBytes(input, versions[v].Bytes);
            var whole = await _folder.RunAsync([.. RunArgs($"ref{v}"), "--no-store"]);
            whole.ExitCode.ShouldBe(0, whole.Error);
            reference.Add(Outputs.ToDictionary(o => o, o => File.ReadAllBytes(_folder.File(Path.Combine($"ref{v}", o)))));
        }

        // A whole run first, timed: the faults then fall in the later part of a run (the first part is the program starting).
        File.WriteAllBytes(input, versions[0].Bytes);
        var timer = Stopwatch.StartNew();
        (await CliProcess.Finish(CliProcess.Start(_folder.Path, [.. RunArgs("out"), "--db", "run.db"]))).ExitCode.ShouldBe(0);
        var took = (int)timer.ElapsedMilliseconds;
        var previous = Outputs.ToDictionary(o => o, o => (byte[]?)File.ReadAllBytes(_folder.File(Path.Combine("out", o))));
        var allIds = versions.SelectMany(v => v.Ids).ToHashSet(StringComparer.Ordinal);
        for (var round = 0; round < 5; round++)
        {
            var v = random.Next(versions.Count);
            var fault = (Fault)random.Next(5);
            var delay = fault is Fault.KillWhileWriting or Fault.KillWhileRecording ? random.Next(0, 15) : random.Next(took * 2 / 5, took * 21 / 20);
            File.WriteAllBytes(input, versions[v].Bytes);
            var before = CurrentIds("run.db");
            var outputsBefore = Listing("out");
            var storeBefore = Listing(".", "run.db");

            // Act: a run, and the fault at a random moment of it, or a few milliseconds after it starts writing its
            // outputs or recording into the store (seen from outside: a file there changes).
            var process = CliProcess.Start(_folder.Path, [.. RunArgs("out"), "--db", "run.db"]);
            var finishing = CliProcess.Finish(process);
            var cue = fault switch
            {
                Fault.KillWhileWriting => Task.Run(() => WaitForChange(finishing, "out", null, outputsBefore)),
                Fault.KillWhileRecording => Task.Run(() => WaitForChange(finishing, ".", "run.db", storeBefore)),
                _ => Task.CompletedTask,
            };
            await cue;
            if (await Task.WhenAny(finishing, Task.Delay(delay)) != finishing)
            {
                Inflict(fault, process, input, versions[(v + 1) % versions.Count].Bytes, random);
            }

            var (exitCode, _, error) = await finishing;
            var context = $"seed {_seed} (AUDITKIT_FAULT_SEED), round {round}: version {v}, {fault} after {delay} of {took} ms, exit {exitCode}\n{error}";

            // Assert: outputs whole; the store as before or with the whole run in it.
            foreach (var output in Outputs)
            {
                var path = _folder.File(Path.Combine("out", output));
                var now = File.Exists(path) ? File.ReadAllBytes(path) : null;
                if (fault is Fault.Kill or Fault.KillWhileWriting or Fault.KillWhileRecording)
                {
                    (Same(output, now, previous[output]) || Same(output, now, reference[v][output])).ShouldBeTrue($"{output} is the previous one or the new one: {context}");
                    if (now is not null)
                    {
                        Whole(output, now).ShouldBeTrue($"{output} is whole: {context}");
                    }
                }
                else
                {
                    exitCode.ShouldBeOneOf([0, 3], context);
                    error.ShouldNotContain("unexpectedly", customMessage: context);
                    Whole(output, now.ShouldNotBeNull(context)).ShouldBeTrue($"{output} is whole: {context}");
                }

                previous[output] = now;
            }

            AssertConsistent("run.db", context);
            var after = CurrentIds("run.db");
            if (fault is Fault.Kill or Fault.KillWhileWriting or Fault.KillWhileRecording)
            {
                (after.SetEquals(before) || after.SetEquals(before.Union(versions[v].Ids))).ShouldBeTrue($"the run is in the store whole or not at all: {context}");
            }
            else
            {
                after.IsSubsetOf(allIds).ShouldBeTrue(context);
            }
        }

        // Act and assert: every version run again, whole, gives its own outputs, and the store holds every audit once.
        for (var v = 0; v < versions.Count; v++)
        {
            File.WriteAllBytes(input, versions[v].Bytes);
            var (exitCode, _, error) = await CliProcess.Finish(CliProcess.Start(_folder.Path, [.. RunArgs("out"), "--db", "run.db"]));
            exitCode.ShouldBe(0, $"seed {_seed}: {error}");
            foreach (var name in Outputs)
            {
                Same(name, File.ReadAllBytes(_folder.File(Path.Combine("out", name))), reference[v][name]).ShouldBeTrue($"seed {_seed}: {name} of version {v}");
            }
        }

        AssertConsistent("run.db", $"seed {_seed}");
        CurrentIds("run.db").SetEquals(allIds).ShouldBeTrue($"seed {_seed}");
    }

    [Fact]
    public async Task Watch_KilledWhileInboxFilesAreReplacedCutShortAndDeleted_ProcessedHoldsOnlyWhatWasRecordedEachRowOnce()
    {
        // Arrange
        var random = new Random(_seed);
        var versions = await Versions();
        var inbox = Directory.CreateDirectory(_folder.File("inbox")).FullName;
        var placed = new List<byte[]>();
        var logs = new List<Task<(int ExitCode, string Out, string Error)>>();
        var watch = StartWatch(logs);
        var steps = new List<string>();

        // Act: files dropped whole, written in place, replaced, cut short and deleted, and the service killed, at random.
        for (var step = 0; step < 14; step++)
        {
            await Task.Delay(random.Next(20, 250));
            var path = Path.Combine(inbox, $"drop-{random.Next(3)}.csv");
            var version = versions[random.Next(versions.Count)].Bytes;
            var action = random.Next(8);
            if (action >= 6)
            {
                // While a file is being processed (its copy is in .processing/): that file written over, or cut short.
                var copying = Path.Combine(inbox, ".processing", "snapshot");
                var waited = Stopwatch.StartNew();
                string? busy = null;
                while (busy is null && waited.ElapsedMilliseconds < 1500)
                {
                    busy = Directory.Exists(copying) ? Directory.EnumerateFiles(copying).FirstOrDefault() : null;
                    Thread.Sleep(1);
                }

                path = Path.Combine(inbox, Path.GetFileName(busy ?? path));
                action -= 4; // 2: written in place, 3: cut short
            }

            steps.Add($"{action}:{Path.GetFileName(path)}");
            switch (action)
            {
                case 0 or 1:
                    // Dropped whole (written beside the inbox, then moved in over whatever is there).
                    placed.Add(version);
                    File.WriteAllBytes(path + ".part", version);
                    File.Move(path + ".part", path, overwrite: true);
                    break;
                case 2:
                    // Written in place, as a program saving over the file does.
                    placed.Add(version);
                    File.WriteAllBytes(path, version);
                    break;
                case 3:
                    // Cut short in place, at a random byte.
                    if (TryRead(path) is { Length: > 1 } held)
                    {
                        var cut = held[..random.Next(1, held.Length)];
                        placed.Add(cut);
                        File.WriteAllBytes(path, cut);
                    }

                    break;
                case 4:
                    File.Delete(path);
                    break;
                default:
                    KillNow(watch);
                    await watch.WaitForExitAsync();
                    watch = StartWatch(logs);
                    break;
            }
        }

        // Every version dropped whole once more, then the service left to finish.
        for (var v = 0; v < versions.Count; v++)
        {
            var path = Path.Combine(inbox, $"final-{v}.csv");
            placed.Add(versions[v].Bytes);
            File.WriteAllBytes(path + ".part", versions[v].Bytes);
            File.Move(path + ".part", path);
        }

        var work = Path.Combine(inbox, ".processing");
        var deadline = Stopwatch.StartNew();
        while (Directory.EnumerateFiles(inbox, "*.csv").Any() || (Directory.Exists(work) && Directory.EnumerateFiles(work, "*", SearchOption.AllDirectories).Any()))
        {
            deadline.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(90), $"seed {_seed}: the inbox empties");
            await Task.Delay(50);
        }

        KillNow(watch);
        var context = $"seed {_seed} (AUDITKIT_FAULT_SEED), steps {string.Join(' ', steps)}";

        // Assert: processed/ and failed/ hold only what was put in the inbox, each whole; processed/ only what was recorded.
        var recorded = AllIds("watch.db");
        foreach (var file in Directory.EnumerateFiles(Path.Combine(inbox, "processed")))
        {
            var bytes = File.ReadAllBytes(file);
            placed.Any(p => p.AsSpan().SequenceEqual(bytes)).ShouldBeTrue($"processed/{Path.GetFileName(file)} is a file put in the inbox: {context}");
            IdsOf(bytes).ShouldAllBe(id => recorded.Contains(id), $"every row of processed/{Path.GetFileName(file)} is recorded: {context}");
        }

        foreach (var file in Directory.EnumerateFiles(Path.Combine(inbox, "failed")).Where(f => !f.EndsWith(".errors.txt", StringComparison.Ordinal)))
        {
            placed.Any(p => p.AsSpan().SequenceEqual(File.ReadAllBytes(file))).ShouldBeTrue($"failed/{Path.GetFileName(file)} is a file put in the inbox: {context}");
            File.Exists(file + ".errors.txt").ShouldBeTrue($"failed/{Path.GetFileName(file)} has its reasons: {context}");
        }

        // The store: consistent, every audit of every version in it once current, and no revision recorded twice in a row.
        AssertConsistent("watch.db", context);
        CurrentIds("watch.db").SetEquals(versions.SelectMany(v => v.Ids)).ShouldBeTrue(context);
        Scalar("watch.db", """
            SELECT count(*) FROM submissions a JOIN submissions b
            ON a.template_id = b.template_id AND a.audit_id = b.audit_id AND b.revision = a.revision + 1 AND a.content_hash = b.content_hash
            """).ShouldBe(0, context);

        // No log of any service holds a stack trace, and each file the log says was moved to processed/ holds the bytes
        // the log says were recorded (the SHA-256 of the copy that was read).
        foreach (var log in logs)
        {
            var (_, output, error) = await log;
            (output + error).ShouldNotContain("   at ", customMessage: context);
            (output + error).ShouldNotContain("Exception:", customMessage: context);
            foreach (System.Text.RegularExpressions.Match moved in System.Text.RegularExpressions.Regex.Matches(error, @"moved to processed/(?<file>[^\n]+?) \(SHA-256 of what was recorded: (?<digest>[0-9a-f]{16})\.\.\.\)\."))
            {
                var file = Path.Combine(inbox, "processed", moved.Groups["file"].Value);
                Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file)))[..16]
                    .ShouldBe(moved.Groups["digest"].Value, $"processed/{moved.Groups["file"].Value} is what was recorded: {context}");
            }
        }
    }

    private enum Fault
    {
        Kill,
        KillWhileWriting,
        KillWhileRecording,
        CutShort,
        Replace,
    }

    private string[] RunArgs(string outDir) =>
        ["run", "--template", StoreCliFolder.Template, "--submissions", "audits.csv", "--out", outDir, "--as-of", "2026-12-31", "--outputs", "json,html"];

    private Process StartWatch(List<Task<(int ExitCode, string Out, string Error)>> logs)
    {
        var process = CliProcess.Start(_folder.Path, "watch", "--inbox", "inbox", "--template", StoreCliFolder.Template, "--db", "watch.db", "--settle", "0.2", "--poll", "0.05");
        logs.Add(CliProcess.Finish(process));
        return process;
    }

    private static void Inflict(Fault fault, Process process, string input, byte[] other, Random random)
    {
        switch (fault)
        {
            case Fault.Kill or Fault.KillWhileWriting or Fault.KillWhileRecording:
                KillNow(process);
                break;
            case Fault.CutShort:
                var bytes = File.ReadAllBytes(input);
                File.WriteAllBytes(input, bytes[..random.Next(1, bytes.Length)]);
                break;
            default:
                File.WriteAllBytes(input + ".new", other);
                File.Move(input + ".new", input, overwrite: true);
                break;
        }
    }

    /// <summary>Names, sizes and times of the files in a folder of the test's (those starting with <paramref name="prefix"/>).</summary>
    private HashSet<string> Listing(string folder, string? prefix = null)
    {
        var path = _folder.File(folder);
        return Directory.Exists(path)
            ? [.. Directory.EnumerateFiles(path, (prefix ?? string.Empty) + "*").Select(f => new FileInfo(f)).Select(f => $"{f.Name}|{f.Length}|{f.LastWriteTimeUtc.Ticks}")]
            : [];
    }

    /// <summary>Returns once a file of the folder changes (written, made or removed), or the process has ended.</summary>
    private void WaitForChange(Task finishing, string folder, string? prefix, HashSet<string> before)
    {
        while (!finishing.IsCompleted && Listing(folder, prefix).SetEquals(before))
        {
            Thread.Sleep(1);
        }
    }

    private static void KillNow(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // It had ended already.
        }
    }

    private static byte[]? TryRead(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // taken by the service meanwhile
        }
    }

    private static bool Same(byte[]? a, byte[]? b) => a is null ? b is null : b is not null && a.AsSpan().SequenceEqual(b);

    /// <summary>
    /// The same output as far as the run's own files decide it. The references are runs without a store, and with one the
    /// team and service actions come from every audit the store holds for the months (and the page counts them), so
    /// summary.json is compared without them and report.html only for being whole.
    /// </summary>
    private static bool Same(string name, byte[]? a, byte[]? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        return name switch
        {
            "summary.json" => string.Equals(WithoutPlannedActions(a), WithoutPlannedActions(b), StringComparison.Ordinal),
            "report.html" => true,
            _ => Same(a, b),
        };
    }

    private static string WithoutPlannedActions(byte[] json)
    {
        if (!Whole("summary.json", json))
        {
            return "not whole: " + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(json));
        }

        var root = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        var actions = root["actions"]!.AsArray();
        for (var i = actions.Count - 1; i >= 0; i--)
        {
            if ((string?)actions[i]!["scope"] != "case")
            {
                actions.RemoveAt(i);
            }
        }

        return root.ToJsonString();
    }

    /// <summary>An output as a whole one ends: JSON that parses, a page that is closed, a CSV that ends its last line.</summary>
    private static bool Whole(string name, byte[] bytes)
    {
        switch (Path.GetExtension(name))
        {
            case ".json":
                try
                {
                    using var _ = JsonDocument.Parse(bytes);
                    return true;
                }
                catch (JsonException)
                {
                    return false;
                }

            case ".html":
                return Encoding.UTF8.GetString(bytes).TrimEnd().EndsWith("</html>", StringComparison.Ordinal);
            default:
                return bytes.Length > 0 && bytes[^1] == (byte)'\n';
        }
    }

    /// <summary>a (80 audits in October and November), b (a with every fifth audit's plan_smart answer changed), c (60 December audits).</summary>
    private async Task<List<(byte[] Bytes, HashSet<string> Ids)>> Versions()
    {
        var a = File.ReadAllLines(await _folder.SynthAsync("a.csv", 80, seed: 11, endMonth: "2026-11", months: 2));
        var c = File.ReadAllBytes(await _folder.SynthAsync("c.csv", 60, seed: 12, endMonth: "2026-12", months: 1));
        var column = Array.IndexOf(a[0].Split(','), "plan_smart");
        column.ShouldBeGreaterThan(0);
        var b = a.Select((line, i) =>
        {
            var cells = line.Split(',');
            if (i > 0 && i % 5 == 0)
            {
                cells[column] = cells[column] == "Yes" ? "No" : "Yes";
            }

            return string.Join(',', cells);
        });
        return [.. new[] { Encoding.UTF8.GetBytes(string.Join('\n', a) + "\n"), Encoding.UTF8.GetBytes(string.Join('\n', b) + "\n"), c }.Select(bytes => (bytes, IdsOf(bytes)))];
    }

    /// <summary>The audit ids (first column) of a CSV's whole rows: a last row cut short is left out.</summary>
    private static HashSet<string> IdsOf(byte[] csv)
    {
        var lines = Encoding.UTF8.GetString(csv).Split('\n');
        return lines.Skip(1).SkipLast(1).Where(l => l.Length > 0).Select(l => l.Split(',')[0]).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// The store as one consistent record: sound pages; per audit exactly one current revision, revisions numbered 1, 2, ...;
    /// every revision with an outcome per criterion of its template version; every action raised once in its history.
    /// </summary>
    private void AssertConsistent(string store, string context)
    {
        if (!File.Exists(_folder.File(store)))
        {
            return;
        }

        Text(store, "PRAGMA integrity_check").ShouldBe("ok", context);
        Scalar(store, "SELECT count(*) FROM (SELECT audit_id FROM submissions GROUP BY template_id, audit_id HAVING sum(is_current) <> 1) AS bad").ShouldBe(0, context);
        Scalar(store, "SELECT count(*) FROM (SELECT audit_id FROM submissions GROUP BY template_id, audit_id HAVING max(revision) <> count(*) OR min(revision) <> 1) AS bad").ShouldBe(0, context);
        Scalar(store, """
            SELECT count(*) FROM submissions s
            WHERE length(s.outcomes) <> (SELECT count(*) FROM template_criteria c
                WHERE c.template_id = s.template_id AND c.version = s.template_version AND c.source_hash = s.template_hash)
            """).ShouldBe(0, context);
        Scalar(store, "SELECT count(*) FROM actions a WHERE (SELECT count(*) FROM action_history h WHERE h.action_id = a.action_id AND h.change = 'raised') <> 1").ShouldBe(0, context);
    }

    private HashSet<string> CurrentIds(string store) => Ids(store, "SELECT audit_id FROM submissions WHERE is_current = 1");

    private HashSet<string> AllIds(string store) => Ids(store, "SELECT DISTINCT audit_id FROM submissions");

    private HashSet<string> Ids(string store, string sql)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        if (!File.Exists(_folder.File(store)))
        {
            return ids;
        }

        using var connection = Connect(store);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private long Scalar(string store, string sql) => Convert.ToInt64(Query(store, sql), CultureInfo.InvariantCulture);

    private string Text(string store, string sql) => Convert.ToString(Query(store, sql), CultureInfo.InvariantCulture) ?? string.Empty;

    private object? Query(string store, string sql)
    {
        using var connection = Connect(store);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private SqliteConnection Connect(string store)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _folder.File(store), Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
        connection.Open();
        return connection;
    }
}
