namespace AuditKit.Cli.Commands;

/// <summary>Opens the files the commands write.</summary>
internal static class OutputFile
{
    /// <summary>
    /// A new, empty file at <paramref name="path"/> to write, replacing any file there. The old file is removed
    /// rather than emptied: on ext4 (most Linux machines) a file emptied and written again is forced to disk when it
    /// is closed, a safeguard for programs that rewrite files in place. For a 185 MB summary.json that held up each
    /// run by 50 to 70 ms; a new file is written out by the system in its own time instead.
    /// </summary>
    public static FileStream Create(string path, int bufferSize = 4096)
    {
        File.Delete(path);
        return new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize);
    }
}
