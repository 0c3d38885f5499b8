using System.Globalization;
using AuditKit.Calendar;
using AuditKit.Cli.Commands;
using AuditKit.Cli.Hosting;
using AuditKit.Cli.Watch;
using AuditKit.Evaluation;
using AuditKit.Templates;
using AuditKit.Tests.Cli.StoreCommands;
using AuditKit.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AuditKit.Tests.Cli.Watch;

/// <summary>The inbox service, scanned by the tests on a clock of their own, and once on the generic host.</summary>
public sealed class WatchCommandTests : IDisposable
{
    private readonly StoreCliFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Scan_DroppedFiles_AreRecordedOnceAndMovedToProcessedOrFailed()
    {
        // Arrange: submissions made before watching, in a folder outside the inbox; the watcher on a clock of the test's.
        var good = await _folder.SynthAsync("good.csv", 30, endMonth: "2026-11", months: 1);
        var slow = await _folder.SynthAsync("slow.csv", 20, endMonth: "2026-10", months: 1);
        var broken = await _folder.SynthAsync("broken.csv", 12, endMonth: "2026-09", months: 1, brokenRows: 2);
        var (watcher, clock, inbox) = Watcher();

        // Act: a complete file, a file written in two parts (held open in between), a file with rejected rows, a file
        // that is not a workbook, and names that must be left alone.
        File.Copy(good, Path.Combine(inbox, "good.csv"));
        File.Copy(broken, Path.Combine(inbox, "broken.csv"));
        File.WriteAllText(Path.Combine(inbox, "not-a-workbook.xlsx"), "plain text");
        File.WriteAllText(Path.Combine(inbox, "~$good.csv"), "lock file");
        File.WriteAllText(Path.Combine(inbox, "upload.csv.part"), "partial");
        var slowBytes = File.ReadAllBytes(slow);
        await using (var writing = new FileStream(Path.Combine(inbox, "slow.csv"), FileMode.CreateNew, FileAccess.Write, FileShare.Read))
        {
            await writing.WriteAsync(slowBytes.AsMemory(0, slowBytes.Length / 2));
            await writing.FlushAsync();
            watcher.ScanOnce(CancellationToken.None);
            Names(inbox).ShouldContain("good.csv", "a file is read only once it has settled");
            clock.Advance(Settle);
            watcher.ScanOnce(CancellationToken.None);
            Names(inbox).ShouldNotContain("good.csv");
            Names(inbox).ShouldContain("slow.csv", "a file still being written is not read");
            await writing.WriteAsync(slowBytes.AsMemory(slowBytes.Length / 2));
        }

        watcher.ScanOnce(CancellationToken.None);
        clock.Advance(Settle);
        watcher.ScanOnce(CancellationToken.None);

        // Assert
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
    public async Task Scan_SameFileDroppedAgain_ChangesNothingInTheStore()
    {
        var good = await _folder.SynthAsync("good.csv", 15, months: 1);
        var (watcher, clock, inbox) = Watcher();

        foreach (var _ in (int[])[1, 2])
        {
            File.Copy(good, Path.Combine(inbox, "good.csv"));
            watcher.ScanOnce(CancellationToken.None);
            clock.Advance(Settle);
            watcher.ScanOnce(CancellationToken.None);
        }

        Names(Path.Combine(inbox, "processed")).ShouldBe(["good (2).csv", "good.csv"]);
        Scalar("SELECT count(*) FROM submissions").ShouldBe(15);
    }

    [Fact]
    public async Task Watch_OnTheHost_ScansAsTheClockTicksAndStopsWhenCancelled()
    {
        // The service as 'auditkit watch' runs it: the generic host, polling on the clock, stopped by cancellation.
        var good = await _folder.SynthAsync("good.csv", 10, months: 1);
        var inbox = Directory.CreateDirectory(_folder.File("inbox")).FullName;
        var clock = new FakeTimeProvider(CliRunner.FixedNow);
        var context = new CliContext(TextWriter.Null, TextWriter.Null, CliEnvironment.ForTests(_folder.Path, CliRunner.FixedNow) with { Clock = clock });
        var request = new WatchRequest(inbox, StoreCliFolder.Template, [], null, new StoreChoice(_folder.File("watch.db"), null), Settle, TimeSpan.FromSeconds(1));
        using var processed = new FileSystemWatcher(Directory.CreateDirectory(Path.Combine(inbox, "processed")).FullName) { EnableRaisingEvents = true };
        var arrived = new TaskCompletionSource();
        processed.Created += (_, e) => arrived.TrySetResult();
        using var stop = new CancellationTokenSource();
        var watching = Task.Run(() => WatchCommand.RunAsync(context, request, stop.Token));

        File.Copy(good, Path.Combine(inbox, "good.csv"));
        for (var tick = 0; tick < 600 && !arrived.Task.IsCompleted && !watching.IsCompleted; tick++)
        {
            // Each tick of the test's clock lets the service scan once; the event says when the file was moved.
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(arrived.Task, watching).WaitAsync(TimeSpan.FromMilliseconds(100)).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        stop.Cancel();

        (await watching.WaitAsync(TimeSpan.FromSeconds(30))).ShouldBe(0);
        Names(Path.Combine(inbox, "processed")).ShouldBe(["good.csv"]);
        Scalar("SELECT count(*) FROM submissions").ShouldBe(10);
    }

    [Fact]
    public async Task Scan_LaterFileSpellsATeamAnotherWay_RecordedAsTheStoresTeam()
    {
        // Arrange
        var november = await _folder.SynthAsync("november.csv", 20, endMonth: "2026-11", months: 1);
        var december = await _folder.SynthAsync("december.csv", 20, endMonth: "2026-12", months: 1);
        File.ReadAllText(december).ShouldContain(",Child Protection East,");
        File.WriteAllText(december, File.ReadAllText(december).Replace(",Child Protection East,", ",child protection  EAST,", StringComparison.Ordinal));
        var (watcher, clock, inbox) = Watcher();

        // Act: one file after the other, each read through its own run.
        foreach (var file in (string[])[november, december])
        {
            File.Copy(file, Path.Combine(inbox, Path.GetFileName(file)));
            watcher.ScanOnce(CancellationToken.None);
            clock.Advance(Settle);
            watcher.ScanOnce(CancellationToken.None);
        }

        // Assert
        Names(Path.Combine(inbox, "processed")).ShouldBe(["december.csv", "november.csv"]);
        Scalar("SELECT count(*) FROM submissions WHERE team = 'Child Protection East' AND audit_date >= '2026-12-01'").ShouldBeGreaterThan(0);
        Scalar("SELECT count(*) FROM submissions WHERE lower(team) = 'child protection  east'").ShouldBe(0);
        Scalar("SELECT count(DISTINCT team) FROM submissions WHERE lower(replace(team, '  ', ' ')) = 'child protection east'").ShouldBe(1);
    }

    [Fact]
    public async Task Scan_WriterThatTakesNoLockPausesLongerThanTheSettleTime_FileIsNotReadUntilItIsClosed()
    {
        // Arrange: a shell writes half the file, holds it open (no lock, as most programs on Linux) until told to go on.
        var slow = await _folder.SynthAsync("slow.csv", 20, endMonth: "2026-10", months: 1);
        var bytes = File.ReadAllBytes(slow);
        var (watcher, clock, inbox) = Watcher();
        var target = Path.Combine(inbox, "slow.csv");
        var half = (bytes.Length / 2).ToString(CultureInfo.InvariantCulture);
        var info = new System.Diagnostics.ProcessStartInfo("sh") { RedirectStandardInput = true, UseShellExecute = false };
        foreach (var arg in (string[])["-c", "exec 3>\"$0\"; head -c \"$2\" \"$1\" >&3; read go; tail -c +$(($2 + 1)) \"$1\" >&3; exec 3>&-", target, slow, half])
        {
            info.ArgumentList.Add(arg);
        }

        using var writer = System.Diagnostics.Process.Start(info)!;
        while (!File.Exists(target) || new FileInfo(target).Length < bytes.Length / 2)
        {
            await Task.Delay(10);
        }

        // Act: the writer pauses for three settle times.
        for (var pause = 0; pause < 3; pause++)
        {
            watcher.ScanOnce(CancellationToken.None);
            clock.Advance(Settle * 2);
        }

        // Assert: still open for writing, so never read, however long the pause.
        Names(inbox).ShouldBe(["slow.csv"]);
        File.Exists(_folder.File("watch.db")).ShouldBeFalse("nothing was recorded");

        // Act: the writer finishes and closes the file.
        await writer.StandardInput.WriteLineAsync("go");
        writer.StandardInput.Close();
        await writer.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        watcher.ScanOnce(CancellationToken.None);
        clock.Advance(Settle);
        watcher.ScanOnce(CancellationToken.None);

        // Assert
        writer.ExitCode.ShouldBe(0);
        Names(Path.Combine(inbox, "processed")).ShouldBe(["slow.csv"]);
        File.ReadAllBytes(Path.Combine(inbox, "processed", "slow.csv")).ShouldBe(bytes);
        Scalar("SELECT count(*) FROM submissions").ShouldBe(20);
    }

    [Fact]
    public async Task Scan_FileReplacedWhileItIsProcessed_ProcessedHoldsWhatWasRecordedAndTheNewFileIsReadNext()
    {
        // Arrange: October's audits dropped; replaced by November's (same name) once October's are recorded.
        var october = await _folder.SynthAsync("october.csv", 12, endMonth: "2026-10", months: 1);
        var november = await _folder.SynthAsync("november.csv", 15, endMonth: "2026-11", months: 1);
        var (watcher, clock, inbox) = Watcher();
        var path = Path.Combine(inbox, "audits.csv");
        File.Copy(october, path);
        watcher.AfterRecording = inboxPath => File.Copy(november, inboxPath, overwrite: true);

        // Act
        watcher.ScanOnce(CancellationToken.None);
        clock.Advance(Settle);
        watcher.ScanOnce(CancellationToken.None);

        // Assert: what processed/ holds is October's (recorded); November's waits in the inbox.
        Names(Path.Combine(inbox, "processed")).ShouldBe(["audits.csv"]);
        File.ReadAllBytes(Path.Combine(inbox, "processed", "audits.csv")).ShouldBe(File.ReadAllBytes(october));
        File.ReadAllBytes(path).ShouldBe(File.ReadAllBytes(november));
        Scalar("SELECT count(*) FROM submissions").ShouldBe(12);

        // Act: the next scans read November's.
        watcher.AfterRecording = null;
        watcher.ScanOnce(CancellationToken.None);
        clock.Advance(Settle);
        watcher.ScanOnce(CancellationToken.None);

        // Assert
        Names(inbox).ShouldBeEmpty();
        Names(Path.Combine(inbox, "processed")).ShouldBe(["audits (2).csv", "audits.csv"]);
        File.ReadAllBytes(Path.Combine(inbox, "processed", "audits (2).csv")).ShouldBe(File.ReadAllBytes(november));
        Scalar("SELECT count(*) FROM submissions").ShouldBe(12 + 15);
        Directory.EnumerateFiles(watcher.WorkFolder, "*", SearchOption.AllDirectories).ShouldBeEmpty();
    }

    [Fact]
    public async Task Scan_FileDeletedWhileItIsProcessed_TheCopyThatWasRecordedGoesToProcessed()
    {
        var good = await _folder.SynthAsync("good.csv", 10, months: 1);
        var (watcher, clock, inbox) = Watcher();
        File.Copy(good, Path.Combine(inbox, "good.csv"));
        watcher.AfterRecording = File.Delete;

        watcher.ScanOnce(CancellationToken.None);
        clock.Advance(Settle);
        watcher.ScanOnce(CancellationToken.None);

        Names(inbox).ShouldBeEmpty();
        File.ReadAllBytes(Path.Combine(inbox, "processed", "good.csv")).ShouldBe(File.ReadAllBytes(good));
        Scalar("SELECT count(*) FROM submissions").ShouldBe(10);
    }

    [Fact]
    public async Task Scan_WhatAStoppedServiceLeftPartWay_ClaimedFileIsPutBackAndReadAgainWithoutCountingTwice()
    {
        // Arrange: a service stopped after recording a file and taking it aside, with its copy still there.
        var good = await _folder.SynthAsync("good.csv", 10, months: 1);
        var (watcher, clock, inbox) = Watcher();
        File.Copy(good, Path.Combine(inbox, "good.csv"));
        watcher.AfterRecording = _ => throw new IOException("stopped");
        watcher.ScanOnce(CancellationToken.None);
        clock.Advance(Settle);
        watcher.ScanOnce(CancellationToken.None);
        Scalar("SELECT count(*) FROM submissions").ShouldBe(10);
        Directory.CreateDirectory(Path.Combine(watcher.WorkFolder, "claimed"));
        File.Move(Path.Combine(inbox, "good.csv"), Path.Combine(watcher.WorkFolder, "claimed", "good.csv"));
        watcher.AfterRecording = null;

        // Act
        watcher.ScanOnce(CancellationToken.None);
        clock.Advance(Settle);
        watcher.ScanOnce(CancellationToken.None);

        // Assert
        Names(Path.Combine(inbox, "processed")).ShouldBe(["good.csv"]);
        Directory.EnumerateFiles(watcher.WorkFolder, "*", SearchOption.AllDirectories).ShouldBeEmpty();
        Scalar("SELECT count(*) FROM submissions").ShouldBe(10);
    }

    [Fact]
    public async Task Scan_ReasonsFileCannotBeWritten_TheFileStillGoesToFailedAndTheServiceGoesOn()
    {
        // Arrange: a failing file, and a folder where its reasons would be written (as a full disk or a lock would stop them).
        var broken = await _folder.SynthAsync("broken.csv", 6, months: 1, brokenRows: 2);
        var good = await _folder.SynthAsync("good.csv", 5, endMonth: "2026-10", months: 1);
        var (watcher, clock, inbox) = Watcher();
        Directory.CreateDirectory(Path.Combine(inbox, "failed", "broken.csv.errors.txt.tmp"));
        File.Copy(broken, Path.Combine(inbox, "broken.csv"));
        File.Copy(good, Path.Combine(inbox, "good.csv"));

        // Act
        watcher.ScanOnce(CancellationToken.None);
        clock.Advance(Settle);
        watcher.ScanOnce(CancellationToken.None);

        // Assert
        File.Exists(Path.Combine(inbox, "failed", "broken.csv")).ShouldBeTrue();
        Names(Path.Combine(inbox, "processed")).ShouldBe(["good.csv"]);
        Names(inbox).ShouldBeEmpty();
    }

    /// <summary>An inbox watcher on a clock of the test's, scanned by the test itself.</summary>
    private (InboxWatcher Watcher, FakeTimeProvider Clock, string Inbox) Watcher()
    {
        var inbox = Directory.CreateDirectory(_folder.File("inbox")).FullName;
        Directory.CreateDirectory(Path.Combine(inbox, "processed"));
        Directory.CreateDirectory(Path.Combine(inbox, "failed"));
        var clock = new FakeTimeProvider(CliRunner.FixedNow);
        var context = new CliContext(TextWriter.Null, TextWriter.Null, CliEnvironment.ForTests(_folder.Path, CliRunner.FixedNow) with { Clock = clock });
        var rules = RuleSetCompiler.Compile(TemplateLoader.Load(StoreCliFolder.Template).Value!, EnglandAndWalesCalendar.Default).Value!;
        var settings = new WatchSettings(inbox, rules, new StoreChoice(_folder.File("watch.db"), null), null, Settle, TimeSpan.FromSeconds(1));
        return (new InboxWatcher(settings, context, EnglandAndWalesCalendar.Default, NullLogger<InboxWatcher>.Instance), clock, inbox);
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
        var (watcher, clock, inbox) = Watcher();
        File.CreateSymbolicLink(Path.Combine(inbox, "linked.csv"), outside);
        var longName = new string('x', 236) + ".csv";
        File.WriteAllText(Path.Combine(inbox, longName), "not,a,submission\n1,2,3\n");

        // Act
        watcher.ScanOnce(CancellationToken.None);
        clock.Advance(Settle);
        watcher.ScanOnce(CancellationToken.None);

        // Assert
        File.Exists(Path.Combine(inbox, longName)).ShouldBeFalse();
        File.Exists(Path.Combine(inbox, "linked.csv")).ShouldBeTrue("a link is never read or moved");
        Names(Path.Combine(inbox, "processed")).ShouldBeEmpty();
        var failed = Names(Path.Combine(inbox, "failed"));
        failed.Count.ShouldBe(2);
        failed.ShouldAllBe(n => System.Text.Encoding.UTF8.GetByteCount(n) <= 255);
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
}
