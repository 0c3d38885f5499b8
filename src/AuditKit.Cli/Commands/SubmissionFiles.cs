using AuditKit.Cli.Hosting;
using AuditKit.Excel;
using AuditKit.Submissions;

namespace AuditKit.Cli.Commands;

/// <summary>Expands the files and folders given with <c>--submissions</c> and reads each by its kind.</summary>
internal sealed class SubmissionFiles
{
    private static readonly string[] Extensions = [".csv", ".xlsx", ".json"];
    private readonly List<RejectedRow> _unreadable = [];
    private long _completedBytes;
    private Stream? _current;

    private SubmissionFiles(IReadOnlyList<string> files) => Files = files;

    public IReadOnlyList<string> Files { get; }

    /// <summary>Roughly how many bytes of the files have been read so far (for a progress bar).</summary>
    public long BytesRead
    {
        get
        {
            try
            {
                return _completedBytes + (_current?.Position ?? 0);
            }
            catch (ObjectDisposedException)
            {
                return _completedBytes;
            }
        }
    }

    /// <summary>Files that could not be read at all (each listed as a rejected "row 0" with the reason).</summary>
    public IReadOnlyList<RejectedRow> Unreadable => _unreadable;

    /// <summary>Every file named, and every .csv, .xlsx and .json file in the folders named (sorted, recursive).</summary>
    public static SubmissionFiles Expand(CliContext context, IEnumerable<string> paths)
    {
        var files = new List<string>();
        foreach (var given in paths)
        {
            var path = context.PathFor(given);
            if (Directory.Exists(path))
            {
                var found = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                    .Where(f => !Path.GetFileName(f).StartsWith("~$", StringComparison.Ordinal))
                    .Where(f => !IsOwnOutput(f))
                    .Select(f => f.Replace('\\', '/'))
                    .Order(StringComparer.Ordinal)
                    .ToList();
                if (found.Count == 0)
                {
                    throw new CliUsageException($"The folder '{given}' holds no .csv, .xlsx or .json files.");
                }

                files.AddRange(found);
            }
            else if (File.Exists(path))
            {
                if (!Extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase))
                {
                    throw new CliUsageException($"'{given}' is not a .csv, .xlsx or .json file.");
                }

                files.Add(path);
            }
            else
            {
                throw new CliUsageException($"The submissions path '{given}' does not exist.");
            }
        }

        return new SubmissionFiles([.. files.Distinct(StringComparer.Ordinal)]);
    }

    /// <summary>The files AuditKit writes into an output folder.</summary>
    internal static readonly string[] OutputNames = ["summary.json", "rejected.csv", "compliance.xlsx", "report.html"];

    /// <summary>
    /// True for a file AuditKit wrote itself: one of its output names in a folder that also holds summary.json (an
    /// --out folder), so a run with --out inside a --submissions folder never reads its own outputs back.
    /// </summary>
    internal static bool IsOwnOutput(string file)
    {
        var name = Path.GetFileName(file);
        if (!OutputNames.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }

        var folder = Path.GetDirectoryName(file);
        return folder is not null && File.Exists(Path.Combine(folder, "summary.json"));
    }

    /// <summary>Every row of every file, in order, read as a stream.</summary>
    public IEnumerable<RawRecord> ReadAll()
    {
        foreach (var file in Files)
        {
            foreach (var record in Read(file))
            {
                yield return record;
            }
        }
    }

    /// <summary>Why a listed file could not be opened, and what to do about it.</summary>
    internal static string CannotOpen(Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException =>
            "The file is not there any more: it was moved or deleted after the folder was listed, or it is a link to a file that does not exist. Check the path and run again.",
        UnauthorizedAccessException =>
            "The file could not be opened: you do not have permission to read it. Ask for read access, or copy it somewhere you can read, and run again.",
        _ => $"The file could not be opened ({e.GetType().Name}): another program may have it open and locked. Close it there and run again.",
    };

    private IEnumerable<RawRecord> Read(string file)
    {
        IEnumerator<RawRecord> rows;
        SnapshotStream stream;
        try
        {
            stream = new SnapshotStream(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _unreadable.Add(new RejectedRow(file, 0, null, [CannotOpen(e)]));
            yield break;
        }

        _current = stream;
        using (stream)
        {
            var extension = Path.GetExtension(file).ToLowerInvariant();
            TextReader? text;
            try
            {
                text = extension == ".csv" ? Text.SourceEncoding.OpenReader(stream) : null;
            }
            catch (IOException e)
            {
                _unreadable.Add(new RejectedRow(file, 0, null, [Diagnostics.Messages.Submissions.NotReadToTheEnd(e.GetType().Name)]));
                yield break;
            }

            using (text)
            {
                try
                {
                    rows = extension switch
                    {
                        ".csv" => CsvSubmissionReader.Read(text!, file).GetEnumerator(),
                        ".json" => JsonSubmissionReader.Read(stream, file).GetEnumerator(),
                        _ => XlsxSubmissionReader.Read(stream, file).GetEnumerator(),
                    };
                }
                catch (SubmissionReadException e)
                {
                    // A workbook is read when it is opened: a damaged one fails here, before any row.
                    _unreadable.Add(new RejectedRow(file, 0, null, [e.Message]));
                    yield break;
                }
                catch (IOException e)
                {
                    _unreadable.Add(new RejectedRow(file, 0, null, [Diagnostics.Messages.Submissions.NotReadToTheEnd(e.GetType().Name)]));
                    yield break;
                }

                using (rows)
                {
                    while (true)
                    {
                        RawRecord current;
                        try
                        {
                            if (!rows.MoveNext())
                            {
                                break;
                            }

                            current = rows.Current;
                        }
                        catch (SubmissionReadException e)
                        {
                            _unreadable.Add(new RejectedRow(file, 0, null, [e.Message]));
                            break;
                        }
                        catch (IOException e)
                        {
                            // Deleted, truncated or unplugged while it was read: the rows read so far stand, the rest are named.
                            _unreadable.Add(new RejectedRow(file, 0, null, [Diagnostics.Messages.Submissions.NotReadToTheEnd(e.GetType().Name)]));
                            break;
                        }

                        yield return current;
                    }
                }
            }

            if (stream.Changed && !_unreadable.Exists(r => ReferenceEquals(r.Source, file)))
            {
                // Written to or replaced while it was read: the rows stand for the file as it was, and the run says so.
                _unreadable.Add(new RejectedRow(file, 0, null, [Diagnostics.Messages.Submissions.ChangedWhileRead]));
            }
        }

        _completedBytes += stream.Length;
        _current = null;
    }
}
