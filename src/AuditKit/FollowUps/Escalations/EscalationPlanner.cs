using System.Collections.Immutable;
using System.Globalization;
using AuditKit.Calendar;
using AuditKit.Compliance;
using AuditKit.Evaluation;
using AuditKit.Expressions;
using AuditKit.Templates;

namespace AuditKit.FollowUps.Escalations;

/// <summary>What escalations raised: their actions (owners still role names) and, as "AKnnnn: text", the rules that could not be evaluated.</summary>
public sealed record EscalationResult(ImmutableArray<FollowUpAction> Actions, ImmutableArray<string> Failures)
{
    public static EscalationResult None { get; } = new([], []);
}

/// <summary>
/// Turns a rule set's escalations into follow-up actions: the facts of a period (its figures with earlier ones, its
/// re-audits) or of the register (its open actions as of a date) go into a rules engine session, and each escalation
/// that fires becomes an action with its text, owner, due date and explanation (the rules it followed and the values
/// they read).
/// </summary>
public static class EscalationPlanner
{
    /// <summary>The escalations about a period's figures, its open actions (as of <paramref name="asOf"/>) and the re-audits carried out in it.</summary>
    public static EscalationResult ForPeriod(
        CompiledRuleSet rules,
        ReportingPeriod period,
        ComplianceSummary summary,
        CycleHistory history,
        DateOnly asOf,
        IWorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(calendar);
        if (rules.Escalations is not { } engine)
        {
            return EscalationResult.None;
        }

        var facts = EscalationLayout.Figures(rules.Template, period, summary, history.EarlierFigures)
            .Concat(history.OpenActions.Select(a => EscalationLayout.Action(a, asOf, calendar)))
            .Concat(history.Reaudits.Select(r => EscalationLayout.Reaudit(r, period.Name, calendar)));
        return Plan(rules, engine, facts, asOf, calendar);
    }

    private static EscalationResult Plan(
        CompiledRuleSet rules, EscalationEngine engine, IEnumerable<SubjectFact> facts, DateOnly asOf, IWorkingDayCalendar calendar)
    {
        var (raised, failures) = engine.Fire(facts);
        var criteria = rules.Template.Criteria.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var actions = ImmutableArray.CreateBuilder<FollowUpAction>(raised.Length);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fact in raised)
        {
            var rule = fact.Rule;
            var target = fact.Subject.Target;
            var criterion = target.Criterion is { } c && criteria.TryGetValue(c, out var found) ? found : null;
            var text = ActionText.Render(rule.Text, new ActionTextValues(
                Team: target.Team,
                CaseRef: target.CaseRef,
                Criterion: target.Criterion,
                CriterionText: criterion?.Text,
                Compliance: target.Compliance,
                Target: target.Target));
            var id = ActionId.Create(rules.Template.Id, rule.Key, target.Team, target.SubjectKey, target.Criterion, target.Period).ToString();
            if (!ids.Add(id))
            {
                // The same rule reached the same subject along two chains: one action.
                continue;
            }

            actions.Add(new FollowUpAction(
                id,
                target.Team is null ? ActionScope.Service : ActionScope.Team,
                target.Team,
                target.CaseRef,
                target.Criterion,
                text,
                rule.Owner?.ToContractName() ?? target.EscalateTo ?? Role.HeadOfService.ToContractName(),
                calendar.AddWorkingDays(asOf, rule.DueInWorkingDays),
                EscalateTo: null,
                rule.Key,
                AuditId: null,
                CompliancePercent: target.Compliance,
                Target: target.Target,
                Period: target.Period)
            {
                Explanation = Explain(engine, fact, calendar),
            });
        }

        return new EscalationResult(actions.ToImmutable(), [.. failures.Select(Describe)]);
    }

    /// <summary>"AK2090: Rule 'red_three_periods' could not be evaluated: InvalidOperationException."</summary>
    private static string Describe((string Rule, string Reason) failure)
    {
        var (code, text) = failure.Rule.Length == 0
            ? Diagnostics.Messages.EscalationsCapped(EscalationEngine.FiringCap)
            : Diagnostics.Messages.RuleFailed(failure.Rule, failure.Reason);
        return $"{code}: {text}";
    }

    /// <summary>
    /// "escalation red_three_periods: periods_red >= 3 [periods_red=3] -> true", each rule of a chain in the order it fired,
    /// with what the action is about.
    /// </summary>
    internal static string Explain(EscalationEngine engine, RaisedFact fact, IWorkingDayCalendar calendar)
    {
        var chain = new List<RaisedFact>();
        for (var f = fact; f is not null; f = f.Parent)
        {
            chain.Insert(0, f);
        }

        var parts = chain.Select(f =>
        {
            var condition = engine.ConditionOf(f.Rule);
            var trace = ExpressionExplainer.Explain(condition.Tree, f.Subject.Values, calendar);
            var read = string.Join(", ", trace.Read.Select(r => $"{r.Key}={r.Value}"));
            return string.Create(CultureInfo.InvariantCulture, $"escalation {f.RuleId}: {condition.Source.Text} [{read}] -> {trace.Result}");
        });
        var about = fact.Subject.Target.AboutAction is { } action ? $" (about action {action})" : string.Empty;
        return string.Join("; then ", parts) + about;
    }
}
