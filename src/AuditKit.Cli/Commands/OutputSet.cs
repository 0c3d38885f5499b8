using System.Globalization;

namespace AuditKit.Cli.Commands;

/// <summary>
/// The files one command writes into a folder, each first to a temporary file beside it (same folder, so the rename
/// is atomic), renamed over the old ones only once every file is written: a failure part way leaves what was there.
/// </summary>
internal sealed class OutputSet(string folder)
{
    private readonly List<(string Temporary, string Target)> _written = [];

    /// <summary>
    /// Writes a command's outputs into <paramref name="folder"/> with <paramref name="write"/>, then commits them all; on a
    /// failure abandons them (the folder stays as it was), a failure to write a file becoming a usage error that says which.
    /// </summary>
    public static T WriteAll<T>(string folder, Func<OutputSet, T> write)
    {
        var set = new OutputSet(folder);
        try
        {
            var result = write(set);
            set.Commit();
            return result;
        }
        catch (Exception e) when (IoCause(e) is not null)
        {
            set.Abandon();
            throw new CliUsageException(Diagnostics.Messages.OutputsNotWritten(folder, set.Current ?? folder, IoCause(e)!));
        }
        catch
        {
            set.Abandon();
            throw;
        }
    }

    /// <inheritdoc cref="WriteAll{T}(string, Func{OutputSet, T})"/>
    public static void WriteAll(string folder, Action<OutputSet> write) =>
        WriteAll(folder, set =>
        {
            write(set);
            return true;
        });

    /// <summary>The output being written when a failure happened (for the message).</summary>
    public string? Current { get; private set; }

    /// <summary>A new temporary file for the output <paramref name="name"/>: a file name, or a path within the folder.</summary>
    public FileStream Create(string name)
    {
        var target = Path.Combine(folder, name);
        var targetFolder = Path.GetDirectoryName(target)!; // A path combined onto a folder has one.
        Directory.CreateDirectory(targetFolder);
        Current = target;
        var temporary = Path.Combine(targetFolder, string.Create(CultureInfo.InvariantCulture, $".{Path.GetFileName(name)}.{Environment.ProcessId}.tmp"));
        _written.Add((temporary, target));
        return OutputFile.Create(temporary);
    }

    /// <summary>Renames every temporary file over its output.</summary>
    public void Commit()
    {
        // A folder where an output goes would fail its rename after the others were done: check first, change nothing.
        foreach (var (_, target) in _written)
        {
            if (Directory.Exists(target))
            {
                Current = target;
                throw new IOException("A folder is in the way of an output file.", new FolderInTheWayException());
            }
        }

        foreach (var (temporary, target) in _written)
        {
            Current = target;
            File.Move(temporary, target, overwrite: true);
        }

        _written.Clear();
        Current = null;
    }

    /// <summary>Deletes the temporary files: the outputs stay as they were.</summary>
    public void Abandon()
    {
        foreach (var (temporary, _) in _written)
        {
            try
            {
                File.Delete(temporary);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A temporary file left behind is harmless (its name starts with a dot).
            }
        }

        _written.Clear();
    }

    /// <summary>The cause, in words, of a failure to write a file (looking inside wrappers such as EPPlus's); null when it is not one.</summary>
    public static string? IoCause(Exception exception)
    {
        for (var e = (Exception?)exception; e is not null; e = e.InnerException)
        {
            if (e.InnerException is FolderInTheWayException)
            {
                continue;
            }

            switch (e)
            {
                case FolderInTheWayException:
                    return "there is a folder of that name in the way; move or rename it";
                case UnauthorizedAccessException:
                    return "permission denied: you may not write there";
                case IOException io when IsDiskFull(io):
                    return "the disk is full";
                case IOException io when (io.HResult & 0xFFFF) is 0x20 or 0x21:
                    return "the file is open and locked in another program (Excel or a browser)";
                case DirectoryNotFoundException:
                    return "the folder does not exist and could not be made";
                case IOException io:
                    return string.Create(CultureInfo.InvariantCulture, $"an input/output error ({io.GetType().Name}, code {io.HResult & 0xFFFF})");
            }
        }

        return null;
    }

    // ENOSPC (28) or EDQUOT (122) on Linux; ERROR_DISK_FULL (112) or ERROR_HANDLE_DISK_FULL (39) on Windows.
    private static bool IsDiskFull(IOException exception) =>
        (exception.HResult & 0xFFFF) is 28 or 122 or 112 or 39
        || exception.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase)
        || exception.Message.Contains("quota", StringComparison.OrdinalIgnoreCase);
}

/// <summary>Marks the failure "a folder is where an output file goes".</summary>
internal sealed class FolderInTheWayException : Exception
{
}
