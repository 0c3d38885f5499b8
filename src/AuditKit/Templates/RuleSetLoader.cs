using AuditKit.Diagnostics;
using AuditKit.Templates.Yaml;

namespace AuditKit.Templates;

/// <summary>Reads one rule set file.</summary>
public static class RuleSetLoader
{
    /// <summary>
    /// Loads the rule set at <paramref name="path"/>. Never throws for a bad file: every problem is a diagnostic
    /// located at <paramref name="path"/> as given (with '/' separators). The rule set's id must be its file name.
    /// </summary>
    public static LoadResult<RuleSet> Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var display = YamlSource.DisplayPath(path);
        var bag = new DiagnosticBag();
        var text = SourceFiles.TryRead(path, display, bag);
        return text is null ? LoadResult<RuleSet>.Failed(bag.ToImmutableSorted()) : LoadText(display, text);
    }

    /// <summary>Reads rule set <paramref name="text"/> as if it were the file at <paramref name="path"/>.</summary>
    internal static LoadResult<RuleSet> LoadText(string path, string text)
    {
        var bag = new DiagnosticBag();
        var ruleSet = Read(new YamlSource(YamlSource.DisplayPath(path), text), bag);
        var diagnostics = bag.ToImmutableSorted();
        return new LoadResult<RuleSet>(ruleSet, diagnostics);
    }

    internal static RuleSet? Read(YamlSource source, DiagnosticBag bag)
    {
        var root = YamlDocumentReader.ReadRoot(source, bag, "rule set");
        return root is null ? null : RuleSetReader.Read(source, root, bag);
    }
}
