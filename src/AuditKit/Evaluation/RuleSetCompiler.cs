using System.Collections.Immutable;
using AuditKit.Calendar;
using AuditKit.Diagnostics;
using AuditKit.Expressions;
using AuditKit.Templates;

namespace AuditKit.Evaluation;

/// <summary>Type-checks and compiles every expression of a template and its rule sets.</summary>
public static class RuleSetCompiler
{
    /// <summary>
    /// Checks every expression of <paramref name="template"/> (criteria, then the effective grading and action rules)
    /// and, when none has an error, compiles them. Every problem is reported, sorted by location.
    /// </summary>
    public static LoadResult<CompiledRuleSet> Compile(AuditTemplate template, IWorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(calendar);
        var diagnostics = new DiagnosticBag();
        var layout = new CaseLayout(template);
        var rules = template.EffectiveRules;

        var criteria = new (BoundNode? Applies, BoundNode? Met, BoundNode? Partly)[template.Criteria.Length];
        for (var i = 0; i < template.Criteria.Length; i++)
        {
            var criterion = template.Criteria[i];
            criteria[i] = (
                Check(criterion.AppliesWhen, layout.CriterionNames, diagnostics, "applies_when"),
                Check(criterion.MetWhen, layout.CriterionNames, diagnostics, "met_when"),
                Check(criterion.PartlyWhen, layout.CriterionNames, diagnostics, "partly_when"));
            if (criterion.PartlyWhen is not null && criterion.MetWhen is null)
            {
                var warning = Messages.ExprPartlyWithoutMet(criterion.Id);
                diagnostics.Warning(warning.Code, criterion.PartlyWhen.Start, warning.Text);
            }
        }

        var grading = rules.Grading.Select(r => Check(r.When, layout.GradingNames, diagnostics, "when")).ToList();
        var caseActions = rules.CaseActions.Select(r => Check(r.When, layout.CaseActionNames, diagnostics, "when")).ToList();
        var teamNames = AggregateLayout.TeamNames();
        var teamActions = rules.TeamActions.Select(r => Check(r.When, teamNames, diagnostics, "when")).ToList();
        var serviceNames = AggregateLayout.ServiceNames();
        var serviceActions = rules.ServiceActions.Select(r => Check(r.When, serviceNames, diagnostics, "when")).ToList();
        var escalations = CheckEscalations(rules.Escalations, diagnostics, wholeRuleBook: true);

        if (diagnostics.HasErrors)
        {
            return LoadResult<CompiledRuleSet>.Failed(diagnostics.ToImmutableSorted());
        }

        // No errors: every expression that exists was checked, so its tree is not null.
        CompiledCondition? Build(ExpressionSource? source, BoundNode? tree) =>
            source is null ? null : new CompiledCondition(source, tree!, ExpressionCompiler.CompileCondition(tree!, calendar));

        var compiledCriteria = new CompiledCriterion[template.Criteria.Length];
        for (var i = 0; i < compiledCriteria.Length; i++)
        {
            var criterion = template.Criteria[i];
            compiledCriteria[i] = new CompiledCriterion(
                i,
                Build(criterion.AppliesWhen, criteria[i].Applies),
                Build(criterion.MetWhen, criteria[i].Met),
                Build(criterion.PartlyWhen, criteria[i].Partly),
                $"{template.Id}/criteria/{criterion.Id}",
                layout.Answer);
        }

        var viewed = template with
        {
            Criteria = [.. template.Criteria.Select(c => c with { IsComputed = !c.TakesAnswer() })],
        };

        var ruleSet = new CompiledRuleSet(
            viewed,
            layout,
            calendar,
            compiledCriteria,
            [.. rules.Grading.Select((r, i) => new CompiledRule<GradingRule>(r, Build(r.When, grading[i])!))],
            [.. rules.CaseActions.Select((r, i) => new CompiledRule<ActionRule>(r, Build(r.When, caseActions[i])!))],
            rules.TeamActions.Select((r, i) => new CompiledRule<ActionRule>(r, Build(r.When, teamActions[i])!)),
            rules.ServiceActions.Select((r, i) => new CompiledRule<ActionRule>(r, Build(r.When, serviceActions[i])!)))
        {
            Escalations = escalations.Count == 0
                ? null
                : new FollowUps.Escalations.EscalationEngine([.. escalations.Select(e => (e.Rule, Build(e.Rule.When, e.Tree)!))]),
        };
        return LoadResult<CompiledRuleSet>.Ok(ruleSet, diagnostics.ToImmutableSorted());
    }

    /// <summary>
    /// Checks a stand-alone rule set file: syntax everywhere; names and types fully in team_actions and
    /// service_actions. In grading and case_actions the template's facts and criterion ids are not known
    /// yet, so unknown names there are left for <see cref="Compile"/>.
    /// </summary>
    public static ImmutableArray<Diagnostic> CheckSyntax(RuleSet ruleSet)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        var diagnostics = new DiagnosticBag();
        var grading = OpenNames(ExpressionScope.Grading);
        var caseActions = OpenNames(ExpressionScope.CaseAction);
        var team = AggregateLayout.TeamNames();
        var service = AggregateLayout.ServiceNames();
        foreach (var rule in ruleSet.Rules.Grading)
        {
            Check(rule.When, grading, diagnostics, "when");
        }

        foreach (var rule in ruleSet.Rules.CaseActions)
        {
            Check(rule.When, caseActions, diagnostics, "when");
        }

        foreach (var rule in ruleSet.Rules.TeamActions)
        {
            Check(rule.When, team, diagnostics, "when");
        }

        foreach (var rule in ruleSet.Rules.ServiceActions)
        {
            Check(rule.When, service, diagnostics, "when");
        }

        CheckEscalations(ruleSet.Rules.Escalations, diagnostics, wholeRuleBook: false);

        return diagnostics.ToImmutableSorted();
    }

    /// <summary>
    /// Checks how the escalations follow each other, then each condition against the names of the subject its chain starts
    /// from. Returns the escalations with their checked trees (those whose chain or condition has an error are left out).
    /// </summary>
    private static List<(EscalationRule Rule, BoundNode Tree)> CheckEscalations(
        IReadOnlyList<EscalationRule> rules, DiagnosticBag diagnostics, bool wholeRuleBook)
    {
        var checkedRules = new List<(EscalationRule, BoundNode)>();
        if (rules.Count == 0)
        {
            return checkedRules;
        }

        var roots = EscalationGraph.Check(rules, diagnostics, wholeRuleBook);
        foreach (var rule in rules)
        {
            // A chain whose start lies in another rule set of the template is checked with the template.
            var names = roots.TryGetValue(rule.Id, out var subject)
                ? FollowUps.Escalations.EscalationLayout.Names(subject)
                : OpenNames(ExpressionScope.EscalationTeam);
            if (Check(rule.When, names, diagnostics, "when") is { } tree && roots.ContainsKey(rule.Id))
            {
                checkedRules.Add((rule, tree));
            }
        }

        return checkedRules;
    }

    private static NameTable OpenNames(ExpressionScope scope) =>
        new(scope, BuiltInNames.In(scope).Select((n, i) => new NameInfo(n.Name, n.Type, i)), unknownNamesAllowed: true);

    private static BoundNode? Check(ExpressionSource? source, NameTable names, DiagnosticBag diagnostics, string key) =>
        source is null ? null : ExpressionChecker.Check(source, names, diagnostics, key);
}
