using System.Collections.Immutable;
using AuditKit.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace AuditKit.Templates.Yaml;

/// <summary>Reads a template's own keys (its rule sets are resolved by <see cref="TemplateLoader"/>).</summary>
internal static class TemplateReader
{
    private static readonly IReadOnlyCollection<string> FactTypes = ["number", "date", "text", "bool", "choice"];

    private const string FractionRange = "a number from 0 to 1";

    /// <summary>A submission may carry <c>&lt;criterion id&gt;_comment</c> beside each answer.</summary>
    private const string CommentSuffix = "_comment";

    /// <summary>The template with no rule sets and no hash yet, plus each rule set id and where it is named.</summary>
    public static (AuditTemplate Template, ImmutableArray<(string Id, SourceLocation At)> RuleSets) Read(
        YamlSource source, YamlMappingNode root, DiagnosticBag bag)
    {
        var reader = MappingReader.Open(root, source, bag, "the template", Keys.Template);
        var id = reader.Scalar("id", required: true);
        if (id is not null && !ReservedNames.IsFileId(id))
        {
            bag.Add(Messages.Templates.BadTemplateOrRuleSetId(reader.ValueAt("id"), "template", id));
        }

        var version = reader.Integer("version", 1, int.MaxValue, "a positive whole number", required: true);
        var title = reader.Text("title", required: true);
        var appliesTo = ReadNames(reader, "applies_to", "case type", required: true);
        var ruleSets = ReadRuleSetIds(reader);
        var scoring = ReadScoring(reader);
        var facts = ReadFacts(reader);
        var criteria = ReadCriteria(reader, scoring);
        CheckIds(reader, facts, criteria);
        var origin = id ?? string.Empty;
        var rules = RuleBookReader.Read(reader, origin);

        var template = new AuditTemplate
        {
            Id = origin,
            Version = version ?? 0,
            Title = title ?? string.Empty,
            AppliesTo = appliesTo,
            RuleSetIds = [.. ruleSets.Select(r => r.Id)],
            Scoring = scoring,
            Facts = [.. facts.Select(f => f.Fact)],
            Criteria = [.. criteria.Select(c => c.Criterion)],
            OwnRules = rules,
            RuleSets = [],
            SourcePath = source.Path,
            SourceHash = string.Empty,
            Location = reader.Location,
        };
        return (template, ruleSets);
    }

    /// <summary>A list of distinct, non-empty names; every problem reported.</summary>
    internal static ImmutableArray<string> ReadNames(MappingReader reader, string key, string item, bool required)
    {
        var items = reader.List(key, required);
        if (items is null)
        {
            return [];
        }

        if (items.Count == 0)
        {
            reader.Bag.Add(Messages.Templates.EmptyList(reader.ValueAt(key), key, item));
            return [];
        }

        var result = ImmutableArray.CreateBuilder<string>();
        foreach (var node in items)
        {
            if (TextItem(reader, key, node) is not { } name)
            {
                continue;
            }

            if (result.Contains(name))
            {
                reader.Bag.Add(Messages.Templates.ListedTwice(reader.Source.At(node), name, key));
                continue;
            }

            result.Add(name);
        }

        return result.ToImmutable();
    }

    /// <summary>A list item that must be non-empty text; null (reported) otherwise.</summary>
    internal static string? TextItem(MappingReader reader, string key, YamlNode node)
    {
        if (YamlValues.IsAliasStandIn(node))
        {
            return null;
        }

        if (node is not YamlScalarNode scalar)
        {
            reader.Bag.Add(Messages.Templates.WrongItemKind(reader.Source.At(node), key, "text", YamlValues.Describe(node)));
            return null;
        }

        var text = (scalar.Value ?? string.Empty).Trim();
        if (text.Length == 0 || YamlValues.IsNull(scalar))
        {
            reader.Bag.Add(Messages.Templates.WrongItemKind(reader.Source.At(node), key, "text", "an empty value"));
            return null;
        }

        return text;
    }

    private static ImmutableArray<(string Id, SourceLocation At)> ReadRuleSetIds(MappingReader reader)
    {
        var result = ImmutableArray.CreateBuilder<(string, SourceLocation)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in reader.List("rules") ?? [])
        {
            if (TextItem(reader, "rules", node) is not { } id)
            {
                continue;
            }

            var at = reader.Source.At(node);
            if (!ReservedNames.IsFileId(id))
            {
                reader.Bag.Add(Messages.Templates.BadTemplateOrRuleSetId(at, "rule set", id));
                continue;
            }

            if (!seen.Add(id))
            {
                reader.Bag.Add(Messages.Templates.ListedTwice(at, id, "rules"));
                continue;
            }

            result.Add((id, at));
        }

        return result.ToImmutable();
    }

    private static ScoringOptions ReadScoring(MappingReader reader)
    {
        var scoring = reader.Mapping("scoring", "'scoring'", Keys.Scoring);
        if (scoring is null)
        {
            return ScoringOptions.Default;
        }

        var defaults = ScoringOptions.Default;
        return new ScoringOptions(
            scoring.Number("partly_weight", 0, 1, FractionRange) ?? defaults.PartlyWeight,
            scoring.Number("amber_margin", 0, 1, FractionRange) ?? defaults.AmberMargin,
            scoring.Number("default_target", 0, 1, FractionRange) ?? defaults.DefaultTarget,
            ReadPeriod(scoring) ?? defaults.Period);
    }

    private static Compliance.PeriodLength? ReadPeriod(MappingReader scoring)
    {
        switch (scoring.Scalar("period"))
        {
            case null: return null;
            case "month": return Compliance.PeriodLength.Month;
            case "quarter": return Compliance.PeriodLength.Quarter;
            case var other:
                scoring.Bag.Add(Messages.Templates.OutOfRange(scoring.ValueAt("period"), "period", other, "month or quarter"));
                return null;
        }
    }

    private static List<(FactDefinition Fact, SourceLocation IdAt)> ReadFacts(MappingReader reader)
    {
        var result = new List<(FactDefinition, SourceLocation)>();
        var items = reader.List("facts") ?? [];
        for (var i = 0; i < items.Count; i++)
        {
            var fact = MappingReader.OpenItem(items[i], "facts", reader.Source, reader.Bag, $"fact {RuleBookReader.Ordinal(i)}", Keys.Fact);
            if (fact is null)
            {
                continue;
            }

            var id = FieldId(fact, "fact");
            var typeName = fact.Scalar("type", required: true);
            FactType? type = typeName switch
            {
                null => null,
                "number" => FactType.Number,
                "date" => FactType.Date,
                "text" => FactType.Text,
                "bool" => FactType.Bool,
                "choice" => FactType.Choice,
                _ => null,
            };
            if (typeName is not null && type is null)
            {
                fact.Bag.Add(Messages.Templates.UnknownFactType(fact.ValueAt("type"), typeName, FactTypes));
            }

            var choices = ReadChoices(fact, id, typeName, type);
            var required = fact.Bool("required") ?? false;
            var label = fact.Text("label");
            var guidance = fact.Text("guidance");
            result.Add((new FactDefinition
            {
                Id = id ?? string.Empty,
                Type = type ?? FactType.Text,
                Choices = choices,
                Required = required,
                Label = label,
                Guidance = guidance,
                Location = fact.Location,
            }, fact.ValueAt("id")));
        }

        return result;
    }

    private static ImmutableArray<string> ReadChoices(MappingReader fact, string? id, string? typeName, FactType? type)
    {
        var name = id ?? fact.Owner;
        if (type is not FactType.Choice)
        {
            if (type is not null && fact.Contains("choices"))
            {
                fact.Bag.Add(Messages.Templates.ChoicesNotAllowed(fact.KeyAt("choices"), name, typeName!)); // type is set, so its name is too
            }

            return [];
        }

        var items = fact.List("choices");
        if (items is null || items.Count == 0)
        {
            if (items is not null || !fact.Contains("choices"))
            {
                fact.Bag.Add(Messages.Templates.ChoicesMissing(fact.Contains("choices") ? fact.ValueAt("choices") : fact.Location, name));
            }

            return [];
        }

        var result = ImmutableArray.CreateBuilder<string>();
        foreach (var node in items)
        {
            if (TextItem(fact, "choices", node) is not { } choice)
            {
                continue;
            }

            if (result.Contains(choice))
            {
                fact.Bag.Add(Messages.Templates.ListedTwice(fact.Source.At(node), choice, "choices"));
                continue;
            }

            result.Add(choice);
        }

        return result.ToImmutable();
    }

    private static List<(CriterionDefinition Criterion, SourceLocation IdAt)> ReadCriteria(MappingReader reader, ScoringOptions scoring)
    {
        var result = new List<(CriterionDefinition, SourceLocation)>();
        var items = reader.List("criteria", required: true);
        if (items is null)
        {
            return result;
        }

        if (items.Count == 0)
        {
            reader.Bag.Add(Messages.Templates.EmptyList(reader.ValueAt("criteria"), "criteria", "criterion"));
            return result;
        }

        var standards = new List<(string Standard, SourceLocation At, CriterionDefinition Criterion)>();
        for (var i = 0; i < items.Count; i++)
        {
            var criterion = MappingReader.OpenItem(items[i], "criteria", reader.Source, reader.Bag, $"criterion {RuleBookReader.Ordinal(i)}", Keys.Criterion);
            if (criterion is null)
            {
                continue;
            }

            var id = FieldId(criterion, "criterion");
            var section = criterion.Text("section", required: true);
            var text = criterion.Text("text", required: true);
            var guidance = criterion.Text("guidance");
            var critical = criterion.Bool("critical") ?? false;
            var target = criterion.Number("target", 0, 1, FractionRange) ?? scoring.DefaultTarget;
            var required = criterion.Bool("required") ?? true;
            var appliesWhen = criterion.Expression("applies_when");
            var metWhen = criterion.Expression("met_when");
            var partlyWhen = criterion.Expression("partly_when");
            var action = ReadCriterionAction(criterion);
            var standard = ReadStandard(criterion);
            var definition = new CriterionDefinition
            {
                Id = id ?? string.Empty,
                Section = section ?? string.Empty,
                Text = text ?? string.Empty,
                Guidance = guidance,
                Critical = critical,
                Target = target,
                Required = required,
                AppliesWhen = appliesWhen,
                MetWhen = metWhen,
                PartlyWhen = partlyWhen,
                Action = action,
                Standard = standard,
                Location = criterion.Location,
            };
            result.Add((definition, criterion.ValueAt("id")));
            if (standard is not null)
            {
                standards.Add((standard, criterion.ValueAt("standard"), definition));
            }
        }

        CheckStandards(reader.Bag, standards);
        return result;
    }

    /// <summary>A criterion's <c>standard</c>: snake_case, or null (reported) when it is not.</summary>
    private static string? ReadStandard(MappingReader criterion)
    {
        var standard = criterion.Scalar("standard");
        if (standard is null || ReservedNames.IsStandardId(standard))
        {
            return standard;
        }

        criterion.Bag.Add(Messages.Templates.BadStandard(criterion.ValueAt("standard"), standard, ReservedNames.SnakeCase(standard)));
        return null;
    }

    /// <summary>Each standard may be carried by one criterion of the template: a later one is reported where its standard is written.</summary>
    private static void CheckStandards(DiagnosticBag bag, List<(string Standard, SourceLocation At, CriterionDefinition Criterion)> standards)
    {
        var first = new Dictionary<string, CriterionDefinition>(StringComparer.Ordinal);
        foreach (var (standard, at, criterion) in standards)
        {
            if (!first.TryAdd(standard, criterion))
            {
                var earlier = first[standard];
                bag.Add(Messages.Templates.StandardTwice(at, standard, criterion.Id, earlier.Id, earlier.Location.Line));
            }
        }
    }

    private static CriterionAction? ReadCriterionAction(MappingReader criterion)
    {
        var action = criterion.Mapping("action", $"the action of {criterion.Owner}", Keys.CriterionAction);
        if (action is null)
        {
            return null;
        }

        var on = ReadOutcomes(action);
        var text = action.Text("text", required: true);
        if (text is not null)
        {
            RuleBookReader.CheckPlaceholders(action, "text");
        }

        var owner = action.Role("owner", required: true);
        var due = RuleBookReader.DueInWorkingDays(action);
        if (on is null || text is null || owner is null || due is null)
        {
            return null;
        }

        return new CriterionAction { On = on.Value, Text = text, Owner = owner.Value, DueInWorkingDays = due.Value, Location = action.Location };
    }

    private static ImmutableArray<Outcome>? ReadOutcomes(MappingReader action)
    {
        if (!action.Contains("on"))
        {
            return [Outcome.NotMet];
        }

        var items = action.List("on");
        if (items is null)
        {
            return null;
        }

        if (items.Count == 0)
        {
            action.Bag.Add(Messages.Templates.EmptyList(action.ValueAt("on"), "on", "outcome"));
            return null;
        }

        var result = ImmutableArray.CreateBuilder<Outcome>();
        var ok = true;
        foreach (var node in items)
        {
            if (TextItem(action, "on", node) is not { } name)
            {
                ok = false;
                continue;
            }

            if (!OutcomeNames.TryParse(name, out var outcome))
            {
                action.Bag.Add(Messages.Templates.UnknownOutcome(action.Source.At(node), name, [.. OutcomeNames.All]));
                ok = false;
                continue;
            }

            if (result.Contains(outcome))
            {
                action.Bag.Add(Messages.Templates.ListedTwice(action.Source.At(node), name, "on"));
                continue;
            }

            result.Add(outcome);
        }

        return ok ? result.ToImmutable() : null;
    }

    /// <summary>Reads and checks a fact or criterion id, and names the owner after it for later messages.</summary>
    private static string? FieldId(MappingReader reader, string what)
    {
        var id = reader.Scalar("id", required: true);
        if (id is null)
        {
            return null;
        }

        reader.Owner = $"{what} '{id}'";
        if (!ReservedNames.IsFieldId(id))
        {
            reader.Bag.Add(Messages.Templates.BadFieldId(reader.ValueAt("id"), what, id));
            return null;
        }

        if (ReservedNames.All.Contains(id))
        {
            reader.Bag.Add(Messages.Templates.ReservedId(reader.ValueAt("id"), id));
        }

        return id;
    }

    /// <summary>Ids must be unique across facts and criteria; a fact may not take a criterion's comment column.</summary>
    private static void CheckIds(
        MappingReader reader,
        List<(FactDefinition Fact, SourceLocation IdAt)> facts,
        List<(CriterionDefinition Criterion, SourceLocation IdAt)> criteria)
    {
        var all = facts.Select(f => (f.Fact.Id, f.IdAt, What: "fact"))
            .Concat(criteria.Select(c => (c.Criterion.Id, c.IdAt, What: "criterion")))
            .Where(x => x.Id.Length > 0)
            .OrderBy(x => x.IdAt.Line)
            .ThenBy(x => x.IdAt.Column)
            .ToList();
        var first = new Dictionary<string, (SourceLocation At, string What)>(StringComparer.Ordinal);
        foreach (var (id, at, what) in all)
        {
            if (first.TryGetValue(id, out var earlier))
            {
                reader.Bag.Add(Messages.Templates.DuplicateId(at, id, earlier.What, earlier.At.Line));
                continue;
            }

            first[id] = (at, what);
        }

        var criterionIds = criteria.Select(c => c.Criterion.Id).Where(id => id.Length > 0).ToHashSet(StringComparer.Ordinal);
        foreach (var (id, at, what) in all)
        {
            if (id.EndsWith(CommentSuffix, StringComparison.Ordinal)
                && id[..^CommentSuffix.Length] is var criterionId
                && criterionIds.Contains(criterionId))
            {
                reader.Bag.Add(Messages.Templates.CommentColumnClash(at, what, id, criterionId));
            }
        }
    }
}
