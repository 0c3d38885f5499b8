using System.Globalization;
using System.Text;
using AuditKit.Cli.Commands;
using AuditKit.Cli.Console;
using AuditKit.Cli.Hosting;
using AuditKit.Evaluation;
using AuditKit.FollowUps;
using AuditKit.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AuditKit.Cli.Watch;

/// <summary>What <c>auditkit watch</c> watches and where it records.</summary>
/// <param name="Settle">How long a file's size and last-write time must stay the same before it is read.</param>
/// <param name="Poll">How often the inbox is looked at.</param>
internal sealed record WatchSettings(
    string Inbox,
    CompiledRuleSet Rules,
    StoreChoice Store,
    TeamDirectory? Directory,
    TimeSpan Settle,
    TimeSpan Poll);

/// <summary>
/// A shared drop folder: every .csv, .xlsx or .json file put in the inbox is read once, when complete, through the
/// same pipeline as <c>auditkit run</c>, recorded in the store, then moved to <c>processed/</c>, or to <c>failed/</c>
/// beside a <c>name.errors.txt</c> saying why. Logs name files and counts only, never case values.
/// </summary>
/// <remarks>
/// What <c>processed/</c> and <c>failed/</c> hold is exactly what was recorded. A file is read only once its size and
/// time have settled, no process has it open for writing, and it can be opened exclusively. It is then copied whole
/// into <c>.processing/snapshot/</c> (its size and time checked before and after, and its SHA-256 taken), and that copy
/// is what is read and recorded. Afterwards the file in the inbox is taken aside (renamed into
/// <c>.processing/claimed/</c>, which takes whatever file is there at that instant) and hashed: the same bytes go on to
/// <c>processed/</c>; different bytes (the file was replaced or written to while it was processed) go back to the
/// inbox to be read again, and the copy that was recorded goes to <c>processed/</c>. A service killed part way leaves
/// files in <c>.processing/</c>; the next scan puts a claimed file back in the inbox and deletes a copy (recording it
/// again changes nothing in the store).
/// </remarks>
internal sealed partial class InboxWatcher(
    WatchSettings settings,
    CliContext context,
    Calendar.IWorkingDayCalendar calendar,
    ILogger<InboxWatcher> logger) : BackgroundService
{
    private static readonly string[] Extensions = [".csv", ".xlsx", ".json"];

    // The clock the settle time and the polling follow (a test's own clock in tests).
    private readonly TimeProvider _clock = context.Environment.Clock;

    /// <summary>Size, last write and when they were first seen so, per file still waiting to settle.</summary>
    private readonly Dictionary<string, (long Size, DateTime Written, long SinceTicks)> _seen = new(StringComparer.Ordinal);
    private readonly HashSet<string> _skipped = new(StringComparer.Ordinal);

    public string ProcessedFolder => Path.Combine(settings.Inbox, "processed");

    /// <summary>For tests: called with the inbox file's path once its copy is recorded, before the file is taken aside.</summary>
    internal Action<string>? AfterRecording { get; set; }

    public string FailedFolder => Path.Combine(settings.Inbox, "failed");

    /// <summary>Where the copy being read (<c>snapshot/</c>) and the file taken from the inbox (<c>claimed/</c>) are kept while a file is processed.</summary>
    public string WorkFolder => Path.Combine(settings.Inbox, ".processing");

    private string SnapshotFolder => Path.Combine(WorkFolder, "snapshot");

    private string ClaimedFolder => Path.Combine(WorkFolder, "claimed");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Directory.CreateDirectory(ProcessedFolder);
        Directory.CreateDirectory(FailedFolder);
        LogWatching(settings.Inbox, settings.Rules.Template.Id, settings.Store.DisplayName);
        using var timer = new PeriodicTimer(settings.Poll, _clock);
        try
        {
            do
            {
                ScanOnce(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Ctrl+C, SIGTERM or the host stopping: a file being processed was finished first (ScanOnce is synchronous).
        }

        LogStopped(settings.Inbox);
    }

    /// <summary>
    /// Looks at the inbox once: first puts back what a stopped service left in <c>.processing/</c>, then processes every
    /// file that has settled, that no process has open for writing and that can be opened exclusively.
    /// </summary>
    internal void ScanOnce(CancellationToken cancellation)
    {
        Recover();
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(settings.Inbox).Order(StringComparer.Ordinal))
        {
            if (cancellation.IsCancellationRequested)
            {
                return;
            }

            if (!IsCandidate(Path.GetFileName(path)))
            {
                continue;
            }

            present.Add(path);
            if (!IsRegularFile(path))
            {
                // A symbolic link (which could point out of the inbox), a device or a folder: never read.
                if (_skipped.Add(path))
                {
                    LogNotRegular(TerminalText.Escape(Path.GetFileName(path)));
                }

                continue;
            }

            if (Settled(path) && !OpenForWriting.ByAnyProcess(path) && CanOpenExclusively(path))
            {
                _seen.Remove(path);
                try
                {
                    Process(path);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Deleted, renamed or locked while it was processed, or the disk is full: say so and go on.
                    LogFileFault(TerminalText.Escape(Path.GetFileName(path)), e.GetType().Name);
                }
            }
        }

        foreach (var gone in _seen.Keys.Where(k => !present.Contains(k)).ToList())
        {
            _seen.Remove(gone);
        }

        _skipped.RemoveWhere(k => !present.Contains(k));
    }

    /// <summary>Submission files only; never Office lock files (~$), hidden files or partial downloads.</summary>
    internal static bool IsCandidate(string name) =>
        Extensions.Contains(Path.GetExtension(name), StringComparer.OrdinalIgnoreCase)
        && !name.StartsWith("~$", StringComparison.Ordinal)
        && !name.StartsWith('.')
        && !name.EndsWith(".tmp", StringComparison.OrdinalIgnoreCase)
        && !name.EndsWith(".part", StringComparison.OrdinalIgnoreCase);

    /// <summary>A regular file in the inbox itself: not a symbolic link (or other reparse point), device or folder.</summary>
    internal static bool IsRegularFile(string path)
    {
        var info = new FileInfo(path);
        return info.Exists && info.LinkTarget is null && (info.Attributes & (FileAttributes.ReparsePoint | FileAttributes.Device | FileAttributes.Directory)) == 0;
    }

    private bool Settled(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return false;
        }

        var now = _clock.GetTimestamp();
        if (!_seen.TryGetValue(path, out var seen) || seen.Size != info.Length || seen.Written != info.LastWriteTimeUtc)
        {
            _seen[path] = (info.Length, info.LastWriteTimeUtc, now);
            return settings.Settle <= TimeSpan.Zero;
        }

        return _clock.GetElapsedTime(seen.SinceTicks, now) >= settings.Settle;
    }

    /// <summary>False while another program holds the file open (and lets nobody else: Windows, or a locking writer).</summary>
    private static bool CanOpenExclusively(string path)
    {
        try
        {
            // Read access only, so that a file this service may read but not write is still processed.
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private void Process(string path)
    {
        var name = TerminalText.Escape(Path.GetFileName(path));
        Directory.CreateDirectory(SnapshotFolder);
        Directory.CreateDirectory(ClaimedFolder);
        var snapshot = Path.Combine(SnapshotFolder, Path.GetFileName(path));
        if (Snapshot(path, snapshot) is not { } hash)
        {
            // Written to while it was copied: left in the inbox to settle again.
            File.Delete(snapshot);
            _seen.Remove(path);
            LogChangedWhileRead(name);
            return;
        }

        var problems = Evaluate(snapshot, name).Select(p => p.Replace(snapshot, path, StringComparison.Ordinal)).ToList();
        AfterRecording?.Invoke(path);

        // Take aside whatever file is in the inbox now: the same bytes as the copy go on; other bytes go back to be read again.
        var claimed = Path.Combine(ClaimedFolder, Path.GetFileName(path));
        var same = false;
        try
        {
            File.Move(path, claimed);
            same = Hash(claimed).AsSpan().SequenceEqual(hash);
        }
        catch (FileNotFoundException)
        {
            // Deleted from the inbox while it was processed: the copy is what was recorded.
        }

        if (File.Exists(claimed) && !same)
        {
            PutBack(claimed, path);
            LogChangedWhileRead(name);
        }

        var recorded = same ? claimed : snapshot;
        var digest = Convert.ToHexStringLower(hash)[..16];
        if (problems.Count == 0)
        {
            var target = MoveTo(recorded, ProcessedFolder);
            DeleteIfThere(snapshot);
            LogProcessed(name, TerminalText.Escape(Path.GetFileName(target)), digest);
            return;
        }

        // The reasons are written first (whole, by rename), then the file moved beside them: a service stopped in between
        // leaves reasons without their file (which is then read again), never a file in failed/ without its reasons.
        var failed = FreeName(recorded, FailedFolder);
        var errors = failed + ".errors.txt";
        var written = true;
        try
        {
            File.WriteAllText(errors + ".tmp", string.Join("\n", problems) + "\n", new UTF8Encoding(false));
            File.Move(errors + ".tmp", errors, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The disk is full, or failed/ cannot be written: the file goes to failed/ all the same, and the log says so.
            LogErrorsFileFault(name, e.GetType().Name);
            written = false;
            try
            {
                File.Delete(errors + ".tmp");
            }
            catch (Exception again) when (again is IOException or UnauthorizedAccessException)
            {
                // Left behind; its name says what it is.
            }
        }

        File.Move(recorded, failed);
        DeleteIfThere(snapshot);
        if (written)
        {
            LogFailed(name, problems.Count, digest);
        }
    }

    /// <summary>Reads and records one file (the copy): the lines of its .errors.txt, none when every row was recorded.</summary>
    private List<string> Evaluate(string file, string name)
    {
        var problems = new List<string>();
        try
        {
            var files = SubmissionFiles.Expand(context, [file]);
            var report = RecordedRun.Evaluate(context, settings.Rules, files, context.Today(), calendar, settings.Directory, collectCases: true, RecordedRun.KnownTeams(settings.Store),
                knownAudits: RecordedRun.KnownAudits(settings.Store, settings.Rules.Template.Id));
            var rejected = report.Rejected;
            if (report.Submissions.Accepted > 0)
            {
                var result = RecordedRun.Record(settings.Store, report, settings.Rules, calendar, settings.Directory);
                LogRecorded(name, report.Submissions.Read, report.Submissions.Accepted, result.Added, result.Revised, result.Unchanged, result.ActionsAdded);
                foreach (var period in result.Periods.IsDefault ? [] : result.Periods)
                {
                    foreach (var failure in period.Failures)
                    {
                        LogEscalationFailed(name, period.Period, failure);
                    }
                }
            }

            if (!rejected.IsEmpty)
            {
                problems.Add(report.Submissions.Accepted > 0
                    ? string.Create(CultureInfo.InvariantCulture, $"{report.Submissions.Accepted} of {report.Submissions.Read} rows were accepted and recorded. Correct the rows below and put the whole file in the inbox again: rows already recorded are not counted twice.")
                    : "No row of this file could be recorded.");
                problems.AddRange(rejected.Select(r => r.Row == 0
                    ? $"{Path.GetFileName(r.Source)}: {string.Join(" ", r.Reasons)}"
                    : string.Create(CultureInfo.InvariantCulture, $"row {r.Row}{(r.AuditId is null ? string.Empty : $" (audit_id {r.AuditId})")}: {string.Join("; ", r.Reasons)}")));
            }
            else if (report.Submissions.Read == 0)
            {
                problems.Add("The file holds no submission rows.");
            }
        }
        catch (StoreException e)
        {
            problems.Add(e.UserMessage);
        }
        catch (Excel.SubmissionReadException e)
        {
            problems.Add("No row of this file could be recorded.");
            problems.Add(e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CliUsageException)
        {
            problems.Add($"No row of this file could be recorded: it could not be read ({e.GetType().Name}).");
        }
#pragma warning disable CA1031 // A long-running service must outlive one bad file; the type is logged, never the data.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogUnexpected(name, e.GetType().Name);
            problems.Add($"The file could not be processed ({e.GetType().Name}). Check it opens in Excel or a text editor, then put it in the inbox again.");
        }

        return problems;
    }

    /// <summary>
    /// Copies <paramref name="path"/> whole to <paramref name="snapshot"/>: its SHA-256, or null when its size or time
    /// changed while it was copied (a writer still at work), or fewer bytes were read than it holds.
    /// </summary>
    private static byte[]? Snapshot(string path, string snapshot)
    {
        var before = new FileInfo(path);
        var (size, written) = (before.Length, before.LastWriteTimeUtc);
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        long copied = 0;
        using (var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        using (var target = new FileStream(snapshot, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            var buffer = new byte[81920];
            int read;
            while ((read = source.Read(buffer)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                target.Write(buffer, 0, read);
                copied += read;
            }
        }

        var after = new FileInfo(path);
        return after.Exists && after.Length == size && after.LastWriteTimeUtc == written && copied == size ? hash.GetHashAndReset() : null;
    }

    private static byte[] Hash(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return System.Security.Cryptography.SHA256.HashData(stream);
    }

    /// <summary>Puts a claimed file back in the inbox under its name, or numbered when a newer file has taken the name meanwhile.</summary>
    private void PutBack(string claimed, string path)
    {
        if (File.Exists(path))
        {
            MoveTo(claimed, settings.Inbox);
        }
        else
        {
            File.Move(claimed, path);
        }
    }

    /// <summary>
    /// What a service stopped part way left in <c>.processing/</c>: a claimed file goes back to the inbox (to be read
    /// again; its rows recorded already are not counted twice), a copy is deleted (the file it came from is still in the
    /// inbox, or in processed/ or failed/ already).
    /// </summary>
    private void Recover()
    {
        if (!Directory.Exists(WorkFolder))
        {
            return;
        }

        try
        {
            if (Directory.Exists(ClaimedFolder))
            {
                foreach (var claimed in Directory.EnumerateFiles(ClaimedFolder))
                {
                    PutBack(claimed, Path.Combine(settings.Inbox, Path.GetFileName(claimed)));
                    LogRecovered(TerminalText.Escape(Path.GetFileName(claimed)));
                }
            }

            if (Directory.Exists(SnapshotFolder))
            {
                foreach (var snapshot in Directory.EnumerateFiles(SnapshotFolder))
                {
                    File.Delete(snapshot);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogFileFault(".processing", e.GetType().Name);
        }
    }

    private static void DeleteIfThere(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    /// <summary>Moves the file into <paramref name="folder"/>, numbering the name when one is already there.</summary>
    private static string MoveTo(string path, string folder)
    {
        var target = FreeName(path, folder);
        File.Move(path, target);
        return target;
    }

    /// <summary>The file's name in <paramref name="folder"/>, shortened to leave room for ".errors.txt" and numbered when it is taken.</summary>
    private static string FreeName(string path, string folder)
    {
        var stem = Path.GetFileNameWithoutExtension(path);
        var extension = Path.GetExtension(path);

        // Room for " (n)" and ".errors.txt" within a file name's 255 bytes.
        while (Encoding.UTF8.GetByteCount(stem) > 200)
        {
            stem = stem[..(stem.Length * 3 / 4)];
        }

        var target = Path.Combine(folder, stem + extension);
        for (var n = 2; File.Exists(target) || File.Exists(target + ".errors.txt"); n++)
        {
            target = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"{stem} ({n}){extension}"));
        }

        return target;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Watching {Inbox} for template {Template}; recording into {Store}.")]
    private partial void LogWatching(string inbox, string template, string store);

    [LoggerMessage(Level = LogLevel.Information, Message = "{File}: {Read} rows read, {Accepted} accepted; store: {Added} new, {Revised} revised, {Unchanged} unchanged audits, {Actions} new actions.")]
    private partial void LogRecorded(string file, int read, int accepted, int added, int revised, int unchanged, int actions);

    // The failure names the rule and the kind of error alone: never a case-file value.
    [LoggerMessage(Level = LogLevel.Warning, Message = "{File}: an escalation of {Period} could not be evaluated ({Failure}); the others were raised.")]
    private partial void LogEscalationFailed(string file, string period, string failure);

    [LoggerMessage(Level = LogLevel.Information, Message = "{File} moved to processed/{Target} (SHA-256 of what was recorded: {Digest}...).")]
    private partial void LogProcessed(string file, string target, string digest);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{File} moved to failed/ with {Problems} problem lines in its .errors.txt (SHA-256 of what was read: {Digest}...).")]
    private partial void LogFailed(string file, int problems, string digest);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{File} was being processed when the service stopped; it is back in the inbox to be read again.")]
    private partial void LogRecovered(string file);

    [LoggerMessage(Level = LogLevel.Error, Message = "{File} could not be processed: {ErrorType}.")]
    private partial void LogUnexpected(string file, string errorType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{File} is not a regular file in the inbox (a link, a device or a folder), so it is not read.")]
    private partial void LogNotRegular(string file);

    [LoggerMessage(Level = LogLevel.Error, Message = "{File} could not be processed ({ErrorType}): it was deleted, moved or locked while it was read, or the disk is full. Going on with the next file.")]
    private partial void LogFileFault(string file, string errorType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{File} changed or was replaced while it was read, so it stays in the inbox to be read again.")]
    private partial void LogChangedWhileRead(string file);

    [LoggerMessage(Level = LogLevel.Error, Message = "{File} moved to failed/, but its .errors.txt could not be written ({ErrorType}); the disk may be full.")]
    private partial void LogErrorsFileFault(string file, string errorType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped watching {Inbox}.")]
    private partial void LogStopped(string inbox);
}
