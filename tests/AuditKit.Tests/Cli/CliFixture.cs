using AuditKit.Tests.Support;

namespace AuditKit.Tests.Cli;

/// <summary>A fresh copy of TestData/Cli for each test, so that outputs never clash between tests run in parallel.</summary>
internal sealed class CliFixture : IDisposable
{
    public CliFixture()
    {
        Folder = Path.Combine(Path.GetTempPath(), "auditkit-cli-" + Guid.NewGuid().ToString("N"));
        CopyFolder(RepoPaths.TestData("Cli"), Folder);
    }

    public string Folder { get; }

    public string PathOf(params string[] parts) => Path.Combine([Folder, .. parts]);

    public Task<CliResult> RunAsync(params string[] args) => CliRunner.RunAsync(Folder, args);

    /// <summary>A file's text with this fixture's folder taken out of the paths it names, for snapshots.</summary>
    public string ReadText(params string[] parts) =>
        File.ReadAllText(PathOf(parts)).Replace(Folder.Replace('\\', '/') + "/", string.Empty, StringComparison.Ordinal);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var folder in Directory.EnumerateDirectories(from))
        {
            CopyFolder(folder, Path.Combine(to, Path.GetFileName(folder)));
        }
    }
}
