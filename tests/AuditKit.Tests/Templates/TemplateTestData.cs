namespace AuditKit.Tests.Templates;

/// <summary>Finds the template test files copied to the test output, and shows paths relative to TestData.</summary>
internal static class TemplateTestData
{
    public static string Root { get; } = Path.Combine(AppContext.BaseDirectory, "TestData").Replace('\\', '/');

    /// <summary>The absolute path of <paramref name="relative"/> (for example <c>Templates/valid/templates/x.yaml</c>).</summary>
    public static string PathOf(string relative) => Root + "/" + relative;

    /// <summary>Diagnostics one per line, with paths made relative to TestData so snapshots do not depend on the machine.</summary>
    public static string Render(IEnumerable<AuditKit.Diagnostics.Diagnostic> diagnostics) =>
        string.Join("\n", diagnostics.Select(d => d.ToString().Replace(Root + "/", string.Empty, StringComparison.Ordinal)));

    /// <summary>File names (without folder) of the YAML files in a TestData folder, sorted.</summary>
    public static IEnumerable<string> FileNames(string relativeFolder) =>
        Directory.GetFiles(PathOf(relativeFolder))
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Select(f => Path.GetFileName(f))
            .Order(StringComparer.Ordinal);
}
