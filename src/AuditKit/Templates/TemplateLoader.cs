using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using AuditKit.Diagnostics;
using AuditKit.Templates.Yaml;

namespace AuditKit.Templates;

/// <summary>Reads a template file and the rule sets it names.</summary>
public static class TemplateLoader
{
    /// <summary>
    /// Loads <paramref name="path"/>. Rule set id X resolves to <c>../rules/X.yaml</c> from the template file,
    /// then to <c>X.yaml</c> in each of <paramref name="rulesDirectories"/> (<c>X.yml</c> is accepted too).
    /// Never throws for bad input: every problem in the template and its rule sets is a diagnostic at
    /// <c>path:line:column</c>, with paths as given (relative stays relative) and '/' separators.
    /// </summary>
    public static LoadResult<AuditTemplate> Load(string path, IReadOnlyList<string>? rulesDirectories = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var display = YamlSource.DisplayPath(path);
        var bag = new DiagnosticBag();
        var text = SourceFiles.TryRead(path, display, bag);
        return text is null ? LoadResult<AuditTemplate>.Failed(bag.ToImmutableSorted()) : LoadText(display, text, rulesDirectories);
    }

    /// <summary>Reads template <paramref name="text"/> as if it were the file at <paramref name="path"/> (rule sets are read from disk).</summary>
    internal static LoadResult<AuditTemplate> LoadText(string path, string text, IReadOnlyList<string>? rulesDirectories = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(text);
        var bag = new DiagnosticBag();
        var source = new YamlSource(YamlSource.DisplayPath(path), text);
        var root = YamlDocumentReader.ReadRoot(source, bag, "template");
        if (root is null)
        {
            return LoadResult<AuditTemplate>.Failed(bag.ToImmutableSorted());
        }

        var (template, ruleSetIds) = TemplateReader.Read(source, root, bag);
        var ruleSets = ImmutableArray.CreateBuilder<RuleSet>();
        foreach (var (id, at) in ruleSetIds)
        {
            if (ResolveRuleSet(source.Path, id, rulesDirectories, out var folders) is not { } file)
            {
                bag.Add(Messages.Templates.RuleSetNotFound(at, id, folders));
                continue;
            }

            var ruleSetBag = new DiagnosticBag();
            var ruleSetText = SourceFiles.TryRead(file, file, ruleSetBag);
            var ruleSet = ruleSetText is null ? null : RuleSetLoader.Read(new YamlSource(file, ruleSetText), ruleSetBag);
            bag.AddRange(ruleSetBag.ToImmutableSorted());
            if (ruleSet is not null)
            {
                ruleSets.Add(ruleSet);
            }
        }

        var loaded = template with
        {
            RuleSets = ruleSets.ToImmutable(),
            SourceHash = Hash(text, ruleSets.Select(r => r.SourceText)),
        };
        CheckGradeScale(loaded, bag);

        // With errors the result is not a success, but it still carries the best-effort model, so that
        // `validate` can type-check the expressions too and report every problem at once.
        return new LoadResult<AuditTemplate>(loaded, bag.ToImmutableSorted());
    }

    /// <summary>
    /// With a declared grade scale, every grade the grading rows give must be on it. Each file's rows were checked against
    /// its own list when it was read; here the rows of the other files are checked against the scale that applies.
    /// </summary>
    private static void CheckGradeScale(AuditTemplate template, DiagnosticBag bag)
    {
        var scale = template.GradeScale;
        if (scale.Source != GradeScaleSource.Declared)
        {
            return;
        }

        foreach (var book in template.RuleSets.Select(r => r.Rules).Prepend(template.OwnRules))
        {
            foreach (var row in book.Grading)
            {
                var checkedAlready = !book.Grades.IsEmpty && !book.Grades.Contains(row.Grade, StringComparer.Ordinal);
                if (scale.Rank(row.Grade) < 0 && !checkedAlready)
                {
                    bag.Add(Messages.Templates.GradeNotOnScale(row.Location, row.Grade, scale.Grades));
                }
            }
        }
    }

    /// <summary>The rule set file for <paramref name="id"/>, or null; <paramref name="folders"/> lists where it looked.</summary>
    internal static string? ResolveRuleSet(string templatePath, string id, IReadOnlyList<string>? rulesDirectories, out ImmutableArray<string> folders)
    {
        var templateFolder = Path.GetDirectoryName(templatePath.Replace('\\', '/')) ?? string.Empty;
        var candidates = new List<string> { SourceFiles.Join(templateFolder, "..", "rules") };
        foreach (var folder in rulesDirectories ?? [])
        {
            var joined = SourceFiles.Join(folder);
            if (!candidates.Contains(joined))
            {
                candidates.Add(joined);
            }
        }

        folders = [.. candidates];
        foreach (var folder in candidates)
        {
            foreach (var extension in (string[])[".yaml", ".yml"])
            {
                var file = SourceFiles.Join(folder, id + extension);
                if (File.Exists(file))
                {
                    return file;
                }
            }
        }

        return null;
    }

    /// <summary>Lower-case hex SHA-256 of the template text followed by each rule set's text (UTF-8).</summary>
    internal static string Hash(string templateText, IEnumerable<string> ruleSetTexts)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes(templateText));
        foreach (var text in ruleSetTexts)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(text));
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
