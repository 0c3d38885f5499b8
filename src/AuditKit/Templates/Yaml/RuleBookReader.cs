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
            Escalations = Escalations(owner, origin),
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
            var allowed = scope == ActionScope.Case ? Keys.CaseActionRule : Keys.ActionRule;
            var rule = MappingReader.OpenItem(items[i], key, owner.Source, owner.Bag, $"{what} {Ordinal(i)}", allowed);
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
            var reaudit = scope == ActionScope.Case
                ? rule.Integer("reaudit_within_working_days", 1, MaxDueInWorkingDays, "a whole number of working days from 1 to 260")
                : null;
            if (when is not null && text is not null && ownerRole is { } role && due is { } days)
            {
                var ruleKey = $"{origin}/{key}/{i.ToString(CultureInfo.InvariantCulture)}";
                result.Add(new ActionRule(scope, when, text, role, days, escalateTo, origin, ruleKey, rule.Location)
                {
                    ReauditWithinWorkingDays = reaudit,
                });
            }
        }

        return result.ToImmutable();
    }

    /// <summary>
    /// Reads <c>escalations:</c>. Each names what it looks at with <c>for:</c> (team, service, action, reaudit) or follows
    /// another escalation with <c>after:</c>; the links between them are checked with the whole rule book, when compiled.
    /// </summary>
    private static ImmutableArray<EscalationRule> Escalations(MappingReader owner, string origin)
    {
        var result = ImmutableArray.CreateBuilder<EscalationRule>();
        var items = owner.List("escalations") ?? [];
        for (var i = 0; i < items.Count; i++)
        {
            var rule = MappingReader.OpenItem(items[i], "escalations", owner.Source, owner.Bag, $"escalation {Ordinal(i)}", Keys.Escalation);
            if (rule is null)
            {
                continue;
            }

            var id = rule.Text("id", required: true);
            if (id is not null && !ReservedNames.IsFieldId(id))
            {
                owner.Bag.Add(Messages.Templates.BadFieldId(rule.ValueAt("id"), "escalation", id));
                id = null;
            }

            var subject = Subject(rule);
            var when = rule.Expression("when", required: true);
            var text = rule.Text("text", required: true);
            if (text is not null)
            {
                CheckPlaceholders(rule, "text");
            }

            var (ownerKnown, ownerRole) = EscalationOwner(rule);
            var due = DueInWorkingDays(rule);
            if (id is not null && subject is { } s && when is not null && text is not null && ownerKnown && due is { } days)
            {
                result.Add(new EscalationRule(
                    id, s.For, s.After, when, text, ownerRole, days, origin, rule.Location, rule.ValueAt(s.After is null ? "for" : "after"), rule.ValueAt("owner")));
            }
        }

        return result.ToImmutable();
    }

    /// <summary>Exactly one of <c>for:</c> and <c>after:</c>.</summary>
    private static (EscalationSubject For, string? After)? Subject(MappingReader rule)
    {
        var subject = rule.Text("for");
        var after = rule.Text("after");
        if ((subject is null) == (after is null))
        {
            if (rule.Contains("for") == rule.Contains("after"))
            {
                rule.Bag.Add(Messages.Templates.EscalationSubject(rule.Contains("for") ? rule.KeyAt("after") : rule.Location));
            }

            return null;
        }

        if (after is not null)
        {
            return (EscalationSubject.Escalation, after);
        }

        if (!EscalationRule.TryParseSubject(subject, out var parsed))
        {
            rule.Bag.Add(Messages.Templates.UnknownEscalationSubject(rule.ValueAt("for"), subject!, EscalationRule.SubjectNames));
            return null;
        }

        return (parsed, null);
    }

    /// <summary>A role, or <c>escalate_to</c>: the subject action's own escalation owner.</summary>
    private static (bool Known, Role? Role) EscalationOwner(MappingReader rule)
    {
        if (rule.Scalar("owner") == EscalateToOwner)
        {
            return (true, null);
        }

        var role = rule.Role("owner", required: true);
        return (role is not null, role);
    }

    /// <summary>The owner an escalation writes to hand the action to the subject action's <c>escalate_to</c>.</summary>
    public const string EscalateToOwner = "escalate_to";

    /// <summary>1-based position for messages.</summary>
    public static string Ordinal(int index) => (index + 1).ToString(CultureInfo.InvariantCulture);
}
