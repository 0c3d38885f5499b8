using System.Collections.Immutable;
using AuditKit.Calendar;
using AuditKit.Diagnostics;
using AuditKit.FollowUps;
using AuditKit.Templates;
using AuditKit.Templates.Yaml;
using YamlDotNet.RepresentationModel;

namespace AuditKit.Programme;

/// <summary>
/// Reads <c>programme.yaml</c> with the template reader's YAML machinery: every problem with its file, line and column
/// (the YAML structure as for templates, AK10xx; the programme's own rules AK60xx).
/// </summary>
/// <example>
/// <code>
/// id: qa-programme-2026
/// title: Quality assurance programme 2026-27
/// directory: teams.yaml
/// rounds:
///   - id: monthly-practice
///     template: quality-of-practice
///     period: monthly
///     start: 2026-09-01
///     auditors: {roles: [team_manager]}
///     quota: {per_auditor: 2, service: 20}
/// </code>
/// </example>
public static class ProgrammeLoader
{
    internal static readonly IReadOnlyCollection<string> RootKeys = ["id", "title", "directory", "rounds"];
    private static readonly IReadOnlyCollection<string> RoundKeys = ["id", "title", "template", "period", "start", "end", "auditors", "quota", "sampled"];
    private static readonly IReadOnlyCollection<string> AuditorKeys = ["roles", "names"];
    private static readonly IReadOnlyCollection<string> QuotaKeys = ["per_auditor", "per_team", "service"];
    private const int MaxQuota = 100_000;

    /// <summary>
    /// True when the file is a programme: it lists <c>rounds</c> or names a <c>directory</c>, or it is named
    /// <c>*programme*.yaml</c> and has no key only a template has but <c>title</c> (so a misspelt <c>rounds</c> is still
    /// reported as a programme's unknown key, not a template's).
    /// </summary>
    internal static bool IsProgramme(IReadOnlySet<string> rootKeys, string path) =>
        rootKeys.Contains("rounds") || rootKeys.Contains("directory")
        || (Path.GetFileName(path).Contains("programme", StringComparison.OrdinalIgnoreCase)
            && !rootKeys.Intersect(Keys.TemplateOnly).Any(k => k != "title") && !rootKeys.Overlaps(Keys.RuleBook));

    public static LoadResult<AuditProgramme> Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var bag = new DiagnosticBag();
        var display = YamlSource.DisplayPath(path);
        var text = SourceFiles.TryRead(path, display, bag);
        if (text is null)
        {
            return LoadResult<AuditProgramme>.Failed(bag.ToImmutableSorted());
        }

        var source = new YamlSource(display, text);
        var root = YamlDocumentReader.ReadRoot(source, bag, "programme");
        if (root is null)
        {
            return LoadResult<AuditProgramme>.Failed(bag.ToImmutableSorted());
        }

        var reader = MappingReader.Open(root, source, bag, "the programme", RootKeys);
        var id = reader.Scalar("id", required: true);
        if (id is not null && !ReservedNames.IsFileId(id))
        {
            bag.Add(Messages.Programme.BadId(reader.ValueAt("id"), "programme", id));
        }

        var title = reader.Text("title") ?? id ?? string.Empty;
        var directory = ReadDirectory(reader, path);
        var rounds = ReadRounds(reader, directory is not null || reader.Contains("directory"));
        var programme = new AuditProgramme(id ?? string.Empty, title, directory, rounds, display);
        var diagnostics = bag.ToImmutableSorted();
        return diagnostics.Any(d => d.IsError) ? new LoadResult<AuditProgramme>(programme, diagnostics) : LoadResult<AuditProgramme>.Ok(programme, diagnostics);
    }

    private static TeamDirectory? ReadDirectory(MappingReader reader, string programmePath)
    {
        if (reader.Scalar("directory") is not { } relative)
        {
            return null;
        }

        var folder = Path.GetDirectoryName(programmePath) ?? string.Empty;
        var loaded = TeamDirectoryLoader.Load(Path.Combine(folder, relative));
        foreach (var problem in loaded.Diagnostics.Where(d => d.IsError))
        {
            reader.Bag.Add(Messages.Programme.DirectoryProblem(reader.ValueAt("directory"), $"{problem}"));
        }

        return loaded.Success ? loaded.Value : null;
    }

    private static ImmutableArray<AuditRound> ReadRounds(MappingReader reader, bool hasDirectory)
    {
        var items = reader.List("rounds", required: true);
        if (items is null)
        {
            return [];
        }

        if (items.Count == 0)
        {
            reader.Bag.Add(Messages.Programme.NoRounds(reader.ValueAt("rounds")));
            return [];
        }

        var rounds = ImmutableArray.CreateBuilder<AuditRound>();
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var row = MappingReader.OpenItem(items[i], "rounds", reader.Source, reader.Bag, $"round {i + 1}", RoundKeys);
            if (row is null)
            {
                continue;
            }

            var id = row.Scalar("id", required: true);
            if (id is not null)
            {
                row.Owner = $"round '{id}'";
                if (!ReservedNames.IsFileId(id))
                {
                    reader.Bag.Add(Messages.Programme.BadId(row.ValueAt("id"), "round", id));
                }
                else if (firstLine.TryGetValue(id, out var line))
                {
                    reader.Bag.Add(Messages.Programme.DuplicateRound(row.ValueAt("id"), id, line));
                }
                else
                {
                    firstLine[id] = row.ValueAt("id").Line;
                }
            }

            if (ReadRound(row, id ?? $"round {i + 1}", hasDirectory) is { } round)
            {
                rounds.Add(round);
            }
        }

        return rounds.ToImmutable();
    }

    private static AuditRound? ReadRound(MappingReader row, string name, bool hasDirectory)
    {
        var bag = row.Bag;
        var template = row.Scalar("template", required: true);
        if (template is not null && !ReservedNames.IsFileId(template))
        {
            bag.Add(Messages.Templates.BadTemplateOrRuleSetId(row.ValueAt("template"), "template", template));
        }

        RoundPeriodKind? period = null;
        if (row.Scalar("period", required: true) is { } periodText)
        {
            period = periodText switch
            {
                "monthly" => RoundPeriodKind.Monthly,
                "fortnightly" => RoundPeriodKind.Fortnightly,
                "window" => RoundPeriodKind.Window,
                _ => null,
            };
            if (period is null)
            {
                bag.Add(Messages.Programme.UnknownPeriod(row.ValueAt("period"), periodText));
            }
        }

        var start = Date(row, "start", required: true);
        var end = Date(row, "end", required: false);
        if (start is { } s && end is { } e && e < s)
        {
            bag.Add(Messages.Programme.EndBeforeStart(row.ValueAt("end"), IsoDate.Format(e), IsoDate.Format(s)));
        }

        if (period == RoundPeriodKind.Window && end is null && !row.Contains("end"))
        {
            bag.Add(Messages.Programme.WindowNeedsEnd(row.KeyAt("period")));
        }

        var auditors = ReadAuditors(row, hasDirectory);
        var sampled = row.Bool("sampled") ?? false;
        var quota = ReadQuota(row);
        if (sampled && row.Contains("quota"))
        {
            bag.Add(Messages.Programme.SampledWithQuota(row.KeyAt("quota"), name));
        }
        else if (!sampled && quota.IsEmpty && !row.Contains("quota"))
        {
            bag.Add(Messages.Programme.NoQuota(row.Location, name));
        }

        if (quota.PerAuditor is not null && auditors.IsEmpty && !row.Contains("auditors"))
        {
            bag.Add(Messages.Programme.PerAuditorWithoutAuditors(row.KeyAt("quota"), name));
        }

        if (template is null || period is null || start is null)
        {
            return null;
        }

        return new AuditRound(name, row.Text("title") ?? name, template, period.Value, start.Value, end, auditors, quota, sampled, row.Location);
    }

    private static RoundAuditors ReadAuditors(MappingReader row, bool hasDirectory)
    {
        var auditors = row.Mapping("auditors", $"{row.Owner}'s auditors", AuditorKeys);
        if (auditors is null)
        {
            return RoundAuditors.None;
        }

        var roles = ImmutableArray.CreateBuilder<Role>();
        if (auditors.Contains("roles"))
        {
            var items = auditors.List("roles") ?? [];
            foreach (var item in items)
            {
                if (item is not YamlScalarNode { Value: { Length: > 0 } text } scalar)
                {
                    row.Bag.Add(Messages.Templates.WrongItemKind(row.Source.At(item), "roles", "a role", YamlValues.Describe(item)));
                    continue;
                }

                if (Messages.Programme.AuditorRoles.Contains(text) && RoleNames.TryParse(text, out var role))
                {
                    if (!roles.Contains(role))
                    {
                        roles.Add(role);
                    }
                }
                else
                {
                    row.Bag.Add(Messages.Programme.UnknownRole(row.Source.At(scalar), text));
                }
            }

            if (items.Count > 0 && !hasDirectory)
            {
                row.Bag.Add(Messages.Programme.RolesNeedDirectory(auditors.KeyAt("roles")));
            }
        }

        var names = auditors.Contains("names") ? TemplateReader.ReadNames(auditors, "names", "auditor", required: false) : [];
        return new RoundAuditors(roles.ToImmutable(), names);
    }

    private static RoundQuota ReadQuota(MappingReader row)
    {
        var quota = row.Mapping("quota", $"{row.Owner}'s quota", QuotaKeys);
        if (quota is null)
        {
            return RoundQuota.None;
        }

        const string Range = "a whole number from 0 to 100000";
        return new RoundQuota(
            quota.Integer("per_auditor", 0, MaxQuota, Range),
            quota.Integer("per_team", 0, MaxQuota, Range),
            quota.Integer("service", 0, MaxQuota, Range));
    }

    private static DateOnly? Date(MappingReader row, string key, bool required)
    {
        if (row.Scalar(key, required) is not { } text)
        {
            return null;
        }

        if (IsoDate.TryParse(text.Trim(), out var date) && date.Year is >= 2000 and <= 2099)
        {
            return date;
        }

        row.Bag.Add(Messages.Programme.NotADate(row.ValueAt(key), key, text));
        return null;
    }
}
