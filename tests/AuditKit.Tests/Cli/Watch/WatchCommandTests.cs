using System.Globalization;
using AuditKit.Cli.Commands;
using AuditKit.Cli.Hosting;
using AuditKit.Cli.Watch;
using AuditKit.Tests.Cli.StoreCommands;
using AuditKit.Tests.Support;
using Microsoft.Data.Sqlite;

namespace AuditKit.Tests.Cli.Watch;

/// <summary>The inbox service run in-process on the generic host, with a short settle time.</summary>
public sealed class WatchCommandTests : IDisposable
{
    private readonly StoreCliFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Watch_DroppedFiles_AreRecordedOnceAndMovedToProcessedOrFailed()
    {
        // Arrange: submissions made before watching, in a folder outside the inbox.
        var good = await _folder.SynthAsync("good.csv", 30, endMonth: "2026-11", months: 1);
        var slow = await _folder.SynthAsync("slow.csv", 20, endMonth: "2026-10", months: 1);
        var broken = await _folder.SynthAsync("broken.csv", 12, endMonth: "2026-09", months: 1, brokenRows: 2);
        var inbox = Directory.CreateDirectory(_folder.File("inbox")).FullName;
        using var stderr = new StringWriter();
        var context = new CliContext(TextWriter.Null, stderr, CliEnvironment.ForTests(_folder.Path, CliRunner.FixedNow));
        var store = new StoreChoice(_folder.File("watch.db"), null);
        var request = new WatchRequest(inbox, StoreCliFolder.Template, [], null, store, TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(100));
        using var stop = new CancellationTokenSource();
        var watching = Task.Run(() => WatchCommand.RunAsync(context, request, stop.Token));

        // Act: a complete file, a file written slowly in two parts (held open in between), a file with rejected rows,
        // a file that is not a workbook, and names that must be left alone.
        File.Copy(good, Path.Combine(inbox, "good.csv"));
        var slowBytes = File.ReadAllBytes(slow);
        await using (var writing = new FileStream(Path.Combine(inbox, "slow.csv"), FileMode.CreateNew, FileAccess.Write, FileShare.Read))
        {
            await writing.WriteAsync(slowBytes.AsMemory(0, slowBytes.Length / 2));
            await writing.FlushAsync();
            await Task.Delay(1200);
            File.Exists(Path.Combine(inbox, "slow.csv")).ShouldBeTrue("a file still being written is not read");
            await writing.WriteAsync(slowBytes.AsMemory(slowBytes.Length / 2));
        }

        File.Copy(broken, Path.Combine(inbox, "broken.csv"));
        File.WriteAllText(Path.Combine(inbox, "not-a-workbook.xlsx"), "plain text");
        File.WriteAllText(Path.Combine(inbox, "~$good.csv"), "lock file");
        File.WriteAllText(Path.Combine(inbox, "upload.csv.part"), "partial");
        await WaitUntil(() => !Directory.EnumerateFiles(inbox).Any(f => Path.GetFileName(f) is "good.csv" or "slow.csv" or "broken.csv" or "not-a-workbook.xlsx"));
        stop.Cancel();
        var exitCode = await watching.WaitAsync(TimeSpan.FromSeconds(30));

        // Assert
        exitCode.ShouldBe(0, stderr.ToString());
        Names(Path.Combine(inbox, "processed")).ShouldBe(["good.csv", "slow.csv"]);
        Names(Path.Combine(inbox, "failed")).ShouldBe(["broken.csv", "broken.csv.errors.txt", "not-a-workbook.xlsx", "not-a-workbook.xlsx.errors.txt"]);
        Names(inbox).ShouldBe(["upload.csv.part", "~$good.csv"]);
        var brokenErrors = File.ReadAllText(Path.Combine(inbox, "failed", "broken.csv.errors.txt"));
        brokenErrors.ShouldStartWith("10 of 12 rows were accepted and recorded.");
        brokenErrors.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.StartsWith("row ", StringComparison.Ordinal)).ShouldBe(2);
        File.ReadAllText(Path.Combine(inbox, "failed", "not-a-workbook.xlsx.errors.txt")).ShouldStartWith("No row of this file could be recorded.");
        Scalar("SELECT count(*) FROM submissions WHERE is_current = 1").ShouldBe(30 + 20 + 10);
        Scalar("SELECT count(DISTINCT substr(audit_date, 1, 7)) FROM submissions").ShouldBe(3);
    }

    [Fact]
    public async Task Watch_SameFileDroppedAgain_ChangesNothingInTheStore()
    {
        var good = await _folder.SynthAsync("good.csv", 15, months: 1);
        var inbox = Directory.CreateDirectory(_folder.File("inbox")).FullName;
        var context = new CliContext(TextWriter.Null, TextWriter.Null, CliEnvironment.ForTests(_folder.Path, CliRunner.FixedNow));
        var request = new WatchRequest(inbox, StoreCliFolder.Template, [], null, new StoreChoice(_folder.File("watch.db"), null), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(100));
        using var stop = new CancellationTokenSource();
        var watching = Task.Run(() => WatchCommand.RunAsync(context, request, stop.Token));

        File.Copy(good, Path.Combine(inbox, "good.csv"));
        await WaitUntil(() => File.Exists(Path.Combine(inbox, "processed", "good.csv")));
        File.Copy(good, Path.Combine(inbox, "good.csv"));
        await WaitUntil(() => File.Exists(Path.Combine(inbox, "processed", "good (2).csv")));
        stop.Cancel();

        (await watching.WaitAsync(TimeSpan.FromSeconds(30))).ShouldBe(0);
        Scalar("SELECT count(*) FROM submissions").ShouldBe(15);
    }

    [Theory]
    [InlineData("audits.csv", true)]
    [InlineData("AUDITS.XLSX", true)]
    [InlineData("audits.json", true)]
    [InlineData("~$audits.xlsx", false)]
    [InlineData(".audits.csv", false)]
    [InlineData("audits.csv.tmp", false)]
    [InlineData("audits.part", false)]
    [InlineData("audits.txt", false)]
    public void IsCandidate_FileName_OnlySubmissionFiles(string name, bool expected)
    {
        InboxWatcher.IsCandidate(name).ShouldBe(expected);
    }

    [Fact]
    public async Task Watch_LinkOutOfTheInboxAndAVeryLongFailingName_LinkNeverReadAndTheServiceGoesOn()
    {
        // Arrange: a good submission outside the inbox, linked from inside it; a failing file with a 240-character name.
        var outside = await _folder.SynthAsync("outside.csv", 5, endMonth: "2026-11", months: 1);
        var inbox = Directory.CreateDirectory(_folder.File("inbox")).FullName;
        File.CreateSymbolicLink(Path.Combine(inbox, "linked.csv"), outside);
        var longName = new string('x', 236) + ".csv";
        File.WriteAllText(Path.Combine(inbox, longName), "not,a,submission\n1,2,3\n");
        using var stderr = new StringWriter();
        var context = new CliContext(TextWriter.Null, stderr, CliEnvironment.ForTests(_folder.Path, CliRunner.FixedNow));
        var request = new WatchRequest(inbox, StoreCliFolder.Template, [], null, new StoreChoice(_folder.File("watch.db"), null), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(100));
        using var stop = new CancellationTokenSource();

        // Act
        var watching = Task.Run(() => WatchCommand.RunAsync(context, request, stop.Token));
        await WaitUntil(() => !File.Exists(Path.Combine(inbox, longName)));
        await Task.Delay(500);
        stop.Cancel();
        var exitCode = await watching.WaitAsync(TimeSpan.FromSeconds(30));

        // Assert
        exitCode.ShouldBe(0, stderr.ToString());
        File.Exists(Path.Combine(inbox, "linked.csv")).ShouldBeTrue("a link is never read or moved");
        Names(Path.Combine(inbox, "processed")).ShouldBeEmpty();
        var failed = Names(Path.Combine(inbox, "failed"));
        failed.Count.ShouldBe(2);
        failed.ShouldAllBe(n => System.Text.Encoding.UTF8.GetByteCount(n) <= 255);
        stderr.ToString().ShouldNotContain("   at ");
    }

    private long Scalar(string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _folder.File("watch.db"), Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static List<string> Names(string folder) =>
        [.. Directory.EnumerateFiles(folder).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The watcher did not finish in 60 seconds.");
            }

            await Task.Delay(100);
        }
    }
}
