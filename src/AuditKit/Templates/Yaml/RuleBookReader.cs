using System.Collections.Immutable;
using System.Globalization;
using AuditKit.Diagnostics;
using AuditKit.Expressions;
using YamlDotNet.RepresentationModel;

namespace AuditKit.Templates.Yaml;

/// <summary>Reads <c>grading</c>, <c>case_actions</c>, <c>team_actions</c> and <c>service_actions</c> of a template or rule set.</summary>
internal static class RuleBookReader
{
    public const int MaxDueInWorkingDays = 260;

    public static RuleBook Read(MappingReader owner, string origin)
    {
        var grades = TemplateReader.ReadNames(owner, "grades", "grade", required: false);
        var grading = ImmutableArray.CreateBuilder<GradingRule>();
        var items = owner.List("grading") ?? [];
        for (var i = 0; i < items.Count; i++)
        {
            var row = MappingReader.OpenItem(items[i], "grading", owner.Source, owner.Bag, $"grading row {Ordinal(i)}", Keys.Grading);
            if (row is null)
            {
                continue;
            }

            var grade = row.Text("grade", required: true);
            var when = row.Expression("when", required: true);
            if (grade is not null && !grades.IsEmpty && !grades.Contains(grade, StringComparer.Ordinal))
            {
                owner.Bag.Add(Messages.Templates.GradeNotOnScale(row.ValueAt("grade"), grade, grades));
            }

            if (grade is not null && when is not null)
            {
                grading.Add(new GradingRule(grade, when, origin, row.Location));
            }
        }

        return new RuleBook(
            grading.ToImmutable(),
            Actions(owner, origin, ActionScope.Case, "case_actions", "case action"),
            Actions(owner, origin, ActionScope.Team, "team_actions", "team action"),
            Actions(owner, origin, ActionScope.Service, "service_actions", "service action"))
        {
            Grades = grades,
        };
    }

    /// <summary>Reports placeholders in an action text that <see cref="ActionText"/> does not fill.</summary>
    public static void CheckPlaceholders(MappingReader reader, string key)
    {
        if (reader.Node(key) is not YamlScalarNode scalar || string.IsNullOrEmpty(scalar.Value))
        {
            return;
        }

        var text = scalar.Value;
        ExpressionSource? positions = null;
        var i = 0;
        while (i < text.Length)
        {
            var open = text.IndexOf('{', i);
            if (open < 0)
            {
                return;
            }

            var close = text.IndexOf('}', open + 1);
            if (close < 0)
            {
                return;
            }

            var name = text.Substring(open + 1, close - open - 1);
            if (!ActionText.Placeholders.Contains(name))
            {
                positions ??= ScalarPositions.ToExpression(reader.Source, scalar);
                reader.Bag.Add(Messages.Templates.UnknownPlaceholder(positions.LocationOf(open), name, [.. ActionText.Placeholders]));
            }

            i = close + 1;
        }
    }

    public static int? DueInWorkingDays(MappingReader reader) =>
        reader.Integer("due_in_working_days", 0, MaxDueInWorkingDays, "a whole number of working days from 0 to 260", required: true);

    private static ImmutableArray<ActionRule> Actions(MappingReader owner, string origin, ActionScope scope, string key, string what)
    {
        var result = ImmutableArray.CreateBuilder<ActionRule>();
        var items = owner.List(key) ?? [];
        for (var i = 0; i < items.Count; i++)
        {
            var rule = MappingReader.OpenItem(items[i], key, owner.Source, owner.Bag, $"{what} {Ordinal(i)}", Keys.ActionRule);
            if (rule is null)
            {
                continue;
            }

            var when = rule.Expression("when", required: true);
            var text = rule.Text("text", required: true);
            if (text is not null)
            {
                CheckPlaceholders(rule, "text");
            }

            var ownerRole = rule.Role("owner", required: true);
            var due = DueInWorkingDays(rule);
            var escalateTo = rule.Role("escalate_to");
            if (when is not null && text is not null && ownerRole is { } role && due is { } days)
            {
                var ruleKey = $"{origin}/{key}/{i.ToString(CultureInfo.InvariantCulture)}";
                result.Add(new ActionRule(scope, when, text, role, days, escalateTo, origin, ruleKey, rule.Location));
            }
        }

        return result.ToImmutable();
    }

    /// <summary>1-based position for messages.</summary>
    public static string Ordinal(int index) => (index + 1).ToString(CultureInfo.InvariantCulture);
}
