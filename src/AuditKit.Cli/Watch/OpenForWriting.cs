using System.Globalization;

namespace AuditKit.Cli.Watch;

/// <summary>
/// Whether some process still has a file open for writing. On Linux a writer need not lock the file (most programs
/// do not), so the exclusive open the watcher tries cannot see it: the process table can (<c>/proc/PID/fd</c> and the
/// access mode in <c>/proc/PID/fdinfo</c>), for the processes this user may look at. Elsewhere, and for writers on
/// another machine (a network share), it answers false, and the settle time and the copy check must do.
/// </summary>
internal static class OpenForWriting
{
    public static bool ByAnyProcess(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        var target = Path.GetFullPath(path);
        IEnumerable<string> processes;
        try
        {
            processes = Directory.EnumerateDirectories("/proc");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        foreach (var process in processes)
        {
            if (!int.TryParse(Path.GetFileName(process), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                continue;
            }

            try
            {
                foreach (var fd in Directory.EnumerateFiles(Path.Combine(process, "fd")))
                {
                    if (string.Equals(new FileInfo(fd).LinkTarget, target, StringComparison.Ordinal) && IsWriting(process, Path.GetFileName(fd)))
                    {
                        return true;
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another user's process, or one that ended while it was looked at.
            }
        }

        return false;
    }

    /// <summary>True when the descriptor's access mode (the low bits of its octal flags) is write-only or read-write.</summary>
    private static bool IsWriting(string process, string fd)
    {
        foreach (var line in File.ReadLines(Path.Combine(process, "fdinfo", fd)))
        {
            if (line.StartsWith("flags:", StringComparison.Ordinal))
            {
                var octal = line["flags:".Length..].Trim();
                return octal.Length > 0 && ((octal[^1] - '0') & 3) != 0;
            }
        }

        return false;
    }
}
