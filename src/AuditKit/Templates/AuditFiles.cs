using System.Collections.Immutable;
using AuditKit.Diagnostics;
using AuditKit.Templates.Yaml;
using YamlDotNet.RepresentationModel;

namespace AuditKit.Templates;

/// <summary>What a YAML file holds, as far as its keys (or, failing that, its folder) tell.</summary>
public enum AuditFileKind
{
    Template,
    RuleSet,

    /// <summary>An audit programme (<c>programme.yaml</c>): it lists <c>rounds</c>.</summary>
    Programme,
    Unknown,
}

/// <summary>Finds template and rule set files, and tells them apart (for <c>auditkit validate</c>).</summary>
public static class AuditFiles
{
    /// <summary>
    /// Expands <paramref name="paths"/>: a file is taken as given (whatever its extension); a folder gives every
    /// <c>*.yaml</c> and <c>*.yml</c> file under it, recursively, sorted by path. Paths keep the caller's form with
    /// '/' separators, and a file named twice is listed once. A path that does not exist is a problem, not an exception.
    /// </summary>
    public static (ImmutableArray<string> Files, ImmutableArray<Diagnostic> Problems) Discover(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var problems = new DiagnosticBag();
        foreach (var path in paths)
        {
            ArgumentNullException.ThrowIfNull(path);
            var display = YamlSource.DisplayPath(path);
            if (File.Exists(path))
            {
                Add(display);
            }
            else if (Directory.Exists(path))
            {
                foreach (var file in FilesUnder(path, display, problems))
                {
                    Add(file);
                }
            }
            else
            {
                problems.Add(Messages.Templates.PathNotFound(display));
            }
        }

        return ([.. files], problems.ToImmutableSorted());

        void Add(string file)
        {
            if (seen.Add(file))
            {
                files.Add(file);
            }
        }
    }

    /// <summary>
    /// Tells a template from a rule set by its top-level keys. Any key only a template has (<c>criteria</c>,
    /// <c>applies_to</c>, <c>version</c>, <c>title</c>, <c>facts</c>, <c>scoring</c>) makes it a template, so a
    /// template with typos elsewhere is still checked as one. Otherwise a mapping with <c>grading</c> or an
    /// <c>*_actions</c> key is a rule set (even with a <c>rules</c> key, which is then reported as out of place), and
    /// one with <c>rules</c> a template. When the keys do not say (an empty file, a syntax
    /// error, only <c>id</c>, only unknown keys), the folder decides: a file in a folder named <c>rules</c> is a rule
    /// set, one in <c>templates</c> a template; anything else is <see cref="AuditFileKind.Unknown"/>, which a caller
    /// should load as a template so that its problems are still reported. Never throws for a bad or missing file.
    /// </summary>
    public static AuditFileKind DetectKind(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var bag = new DiagnosticBag();
        var text = SourceFiles.TryRead(path, YamlSource.DisplayPath(path), bag);
        var root = text is null ? null : YamlDocumentReader.ReadRoot(new YamlSource(path, text), bag, "template");
        var keys = root?.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? string.Empty).ToHashSet(StringComparer.Ordinal) ?? [];
        // 'rules' alone does not make a template: a rule set that lists rule sets (which only a template can) is still
        // told by its grading or actions, and then hears that 'rules' has no place in it.
        if (Programme.ProgrammeLoader.IsProgramme(keys, path))
        {
            return AuditFileKind.Programme;
        }

        var templateKeys = keys.Intersect(Keys.TemplateOnly).ToList();
        if (templateKeys.Exists(k => k != "rules"))
        {
            return AuditFileKind.Template;
        }

        if (keys.Overlaps(Keys.RuleBook))
        {
            return AuditFileKind.RuleSet;
        }

        if (templateKeys.Count > 0)
        {
            return AuditFileKind.Template;
        }

        var folder = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path)) ?? string.Empty);
        return folder switch
        {
            "rules" => AuditFileKind.RuleSet,
            "templates" => AuditFileKind.Template,
            _ => AuditFileKind.Unknown,
        };
    }

    private static IEnumerable<string> FilesUnder(string folder, string display, DiagnosticBag problems)
    {
        string[] found;
        try
        {
            found = Directory.GetFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add(Messages.Templates.FileUnreadable(display, e.GetType().Name + "."));
            return [];
        }

        var prefix = display.EndsWith('/') ? display : display + "/";
        return found
            .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .Select(relative => prefix + relative)
            .ToList();
    }
}
