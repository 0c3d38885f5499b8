namespace AuditKit.Tests.Support;

/// <summary>Finds the repository's own folders (bundled templates, rules, samples) from the test output folder.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "AuditKit.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("AuditKit.sln was not found above the test output folder.");
    });

    public static string Root => RootPath.Value;

    public static string TestData(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "TestData", .. parts]);

    public static string InRepo(params string[] parts) => Path.Combine([Root, .. parts]);
}
