using AuditKit.Diagnostics;

namespace AuditKit.Templates;

/// <summary>Reads a template file and the rule sets it names.</summary>
public static class TemplateLoader
{
    /// <summary>
    /// Loads <paramref name="path"/>. Rule set id X resolves to <c>../rules/X.yaml</c> from the template file,
    /// then to <c>X.yaml</c> in each of <paramref name="rulesDirectories"/>.
    /// </summary>
    public static LoadResult<AuditTemplate> Load(string path, IReadOnlyList<string>? rulesDirectories = null) =>
        throw new NotImplementedException();
}
