using System.Text.RegularExpressions;
using AuditKit.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AuditKit.FollowUps;

/// <summary>
/// Reads <c>teams.yaml</c>: who is the team manager, service manager and head of service of each team, with
/// optional defaults. Every problem is reported with its line and column.
/// </summary>
/// <example>
/// <code>
/// defaults:
///   head_of_service: Priya Shah
/// teams:
///   Duty and Assessment 1:
///     team_manager: Sam Jones
///     service_manager: Alex Brown
/// </code>
/// </example>
public static partial class TeamDirectoryLoader
{
    private static readonly string[] RootKeys = ["defaults", "teams"];

    public static LoadResult<TeamDirectory> Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            return Failed(path, Messages.DirectoryUnreadable("file not found"));
        }

        try
        {
            using var file = File.OpenRead(path);
            using var reader = Text.SourceEncoding.OpenReader(file);
            return Load(reader, path);
        }
        catch (IOException ex)
        {
            return Failed(path, Messages.DirectoryUnreadable(ex.GetType().Name));
        }
        catch (UnauthorizedAccessException)
        {
            return Failed(path, Messages.DirectoryUnreadable("access denied"));
        }
    }

    /// <summary>Reads a team directory from <paramref name="reader"/>; <paramref name="source"/> names it in diagnostics.</summary>
    public static LoadResult<TeamDirectory> Load(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(source);
        var bag = new DiagnosticBag();
        var stream = new YamlStream();
        var yaml = reader.ReadToEnd();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            var tabs = Templates.Yaml.TabIndentation.Find(yaml);
            if (tabs.Count > 0)
            {
                // Only spaces indent YAML; the parser names another place for a tab (often 1:1).
                foreach (var (line, column) in tabs)
                {
                    Error(bag, new SourceLocation(source, line, column), Messages.DirectoryTabIndent());
                }

                return LoadResult<TeamDirectory>.Failed(bag.ToImmutableSorted());
            }

            var text = StripMarks(ex.Message);
            var problem = text.StartsWith("Duplicate key", StringComparison.Ordinal)
                ? Messages.DirectoryDuplicateKey()
                : Messages.DirectorySyntax(text.TrimEnd('.'));
            Error(bag, At(source, ex.Start), problem);
            return LoadResult<TeamDirectory>.Failed(bag.ToImmutableSorted());
        }

        if (stream.Documents.Count == 0 || IsBlank(stream.Documents[0].RootNode))
        {
            Error(bag, SourceLocation.FileOnly(source), Messages.DirectoryEmpty());
            return LoadResult<TeamDirectory>.Failed(bag.ToImmutableSorted());
        }

        var root = stream.Documents[0].RootNode;
        if (root is not YamlMappingNode rootMap)
        {
            Error(bag, At(source, root.Start), Messages.DirectoryRootNotMapping());
            return LoadResult<TeamDirectory>.Failed(bag.ToImmutableSorted());
        }

        var defaults = TeamContacts.None;
        var teams = new List<TeamEntry>();
        foreach (var (keyNode, value) in rootMap.Children)
        {
            if (Key(bag, source, keyNode) is not { } key)
            {
                continue;
            }

            switch (key)
            {
                case "defaults":
                    defaults = ReadContacts(bag, source, "defaults", value);
                    break;
                case "teams":
                    ReadTeams(bag, source, value, teams);
                    break;
                default:
                    Error(bag, At(source, keyNode.Start), Messages.DirectoryUnknownKey(key, NameSuggestions.Hint(key, RootKeys)));
                    break;
            }
        }

        var diagnostics = bag.ToImmutableSorted();
        return bag.HasErrors
            ? LoadResult<TeamDirectory>.Failed(diagnostics)
            : LoadResult<TeamDirectory>.Ok(new TeamDirectory(teams, defaults), diagnostics);
    }

    private static void ReadTeams(DiagnosticBag bag, string source, YamlNode node, List<TeamEntry> teams)
    {
        if (IsBlank(node))
        {
            return;
        }

        if (node is not YamlMappingNode map)
        {
            Error(bag, At(source, node.Start), Messages.DirectoryTeamsNotMapping());
            return;
        }

        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var (keyNode, value) in map.Children)
        {
            if (Key(bag, source, keyNode) is not { } raw)
            {
                continue;
            }

            var name = raw.Trim();
            var location = At(source, keyNode.Start);
            if (name.Length == 0)
            {
                Error(bag, location, Messages.DirectoryBlankTeam());
                continue;
            }

            if (seen.TryGetValue(name, out var firstLine))
            {
                Error(bag, location, Messages.DirectoryDuplicateTeam(name, firstLine));
                continue;
            }

            seen.Add(name, location.Line);
            teams.Add(new TeamEntry(name, ReadContacts(bag, source, name, value), location));
        }
    }

    private static TeamContacts ReadContacts(DiagnosticBag bag, string source, string owner, YamlNode node)
    {
        if (IsBlank(node))
        {
            return TeamContacts.None;
        }

        if (node is not YamlMappingNode map)
        {
            Error(bag, At(source, node.Start), Messages.DirectoryContactsNotMapping(owner));
            return TeamContacts.None;
        }

        var contacts = TeamContacts.None;
        foreach (var (keyNode, value) in map.Children)
        {
            if (Key(bag, source, keyNode) is not { } key)
            {
                continue;
            }

            if (key is "practitioner" or "auditor")
            {
                Error(bag, At(source, keyNode.Start), Messages.DirectoryRoleFromSubmission(key));
                continue;
            }

            if (!TeamContacts.RoleKeys.Contains(key))
            {
                Error(bag, At(source, keyNode.Start), Messages.DirectoryUnknownKey(key, NameSuggestions.Hint(key, TeamContacts.RoleKeys)));
                continue;
            }

            if (value is not YamlScalarNode scalar)
            {
                Error(bag, At(source, value.Start), Messages.DirectoryNameNotText(key));
                continue;
            }

            if (IsBlank(scalar))
            {
                Error(bag, At(source, keyNode.Start), Messages.DirectoryBlankName(key));
                continue;
            }

            var person = scalar.Value!.Trim(); // not blank, so not null
            contacts = key switch
            {
                "team_manager" => contacts with { TeamManager = person },
                "service_manager" => contacts with { ServiceManager = person },
                _ => contacts with { HeadOfService = person },
            };
        }

        return contacts;
    }

    private static string? Key(DiagnosticBag bag, string source, YamlNode keyNode)
    {
        if (keyNode is YamlScalarNode { Value: { } value })
        {
            return value;
        }

        Error(bag, At(source, keyNode.Start), Messages.DirectoryKeyNotText());
        return null;
    }

    // An empty value, '~' or 'null' written plainly: YAML's null.
    private static bool IsBlank(YamlNode node) =>
        node is YamlScalarNode scalar
        && (string.IsNullOrWhiteSpace(scalar.Value)
            || (scalar.Style == ScalarStyle.Plain && scalar.Value is "~" or "null" or "Null" or "NULL"));

    private static SourceLocation At(string source, Mark mark) => new(source, (int)mark.Line, (int)mark.Column);

    private static string StripMarks(string message) => MarksPrefix().Replace(message, string.Empty).Trim();

    private static void Error(DiagnosticBag bag, SourceLocation location, (string Code, string Text) message) =>
        bag.Add(new Diagnostic(message.Code, Severity.Error, message.Text, location));

    private static LoadResult<TeamDirectory> Failed(string path, (string Code, string Text) message) =>
        LoadResult<TeamDirectory>.Failed([new Diagnostic(message.Code, Severity.Error, message.Text, SourceLocation.FileOnly(path))]);

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex MarksPrefix();
}
