using System.Collections.Immutable;
using System.Runtime.InteropServices;
using AuditKit.Calendar;
using AuditKit.Diagnostics;
using AuditKit.Expressions;
using AuditKit.Submissions;
using AuditKit.Templates;

namespace AuditKit.Evaluation;

/// <summary>A template with every expression type-checked and compiled, ready to evaluate submissions.</summary>
/// <remarks>Safe to share between threads: evaluation keeps its working values on the call.</remarks>
public sealed class CompiledRuleSet : IActionConditions
{
    private static readonly Value[] OutcomeValues =
        [.. Enum.GetValues<Outcome>().Select(o => Value.FromText(o.ToContractName()))];

    private readonly CaseLayout _layout;
    private readonly IWorkingDayCalendar _calendar;
    private readonly CompiledCriterion[] _criteria;
    private readonly CompiledRule<GradingRule>[] _grading;
    private readonly string[] _gradingKeys;
    private readonly CompiledRule<ActionRule>[] _caseActions;
    private readonly Dictionary<ActionRule, CompiledCondition> _teamActions;
    private readonly Dictionary<ActionRule, CompiledCondition> _serviceActions;
    private readonly CaseActionRule?[] _caseActionRules;
    private int[]? _criterionActionOutcomes;

    internal CompiledRuleSet(
        AuditTemplate template,
        CaseLayout layout,
        IWorkingDayCalendar calendar,
        CompiledCriterion[] criteria,
        CompiledRule<GradingRule>[] grading,
        CompiledRule<ActionRule>[] caseActions,
        IEnumerable<CompiledRule<ActionRule>> teamActions,
        IEnumerable<CompiledRule<ActionRule>> serviceActions)
    {
        Template = template;
        _layout = layout;
        _calendar = calendar;
        _criteria = criteria;
        _grading = grading;
        _gradingKeys = [.. grading.Select(g => $"{g.Rule.Origin}/grading/{g.Rule.Grade}")];
        _caseActions = caseActions;
        _teamActions = new Dictionary<ActionRule, CompiledCondition>(ReferenceEqualityComparer.Instance);
        foreach (var rule in teamActions)
        {
            _teamActions.TryAdd(rule.Rule, rule.When);
        }

        _serviceActions = new Dictionary<ActionRule, CompiledCondition>(ReferenceEqualityComparer.Instance);
        foreach (var rule in serviceActions)
        {
            _serviceActions.TryAdd(rule.Rule, rule.When);
        }

        Grades = [.. grading.Select(g => g.Rule.Grade).Distinct(StringComparer.Ordinal)];
        GradingRules = [.. grading.Select(g => g.Rule)];
        CaseActionRules = [.. caseActions.Select(a => a.Rule)];
        _caseActionRules = BuildCaseActionRules(template, criteria, caseActions);
        TeamActionRules = [.. teamActions.Select(a => a.Rule)];
        ServiceActionRules = [.. serviceActions.Select(a => a.Rule)];
    }

    /// <summary>
    /// The template as compiled. Its criteria have <see cref="CriterionDefinition.IsComputed"/> set: true when the
    /// outcome comes from facts alone and the auditor gives no answer.
    /// </summary>
    public AuditTemplate Template { get; }

    /// <summary>The rule set's escalations compiled for the rules engine, or null when it has none.</summary>
    internal FollowUps.Escalations.EscalationEngine? Escalations { get; init; }

    /// <summary>True when the rule set has <c>escalations:</c>.</summary>
    public bool HasEscalations => Escalations is not null;

    /// <summary>The template's criteria, in order (<c>CaseResult.Outcomes[i]</c> belongs to <c>Criteria[i]</c>).</summary>
    public ImmutableArray<CriterionDefinition> Criteria => Template.Criteria;

    /// <summary>Every grade the grading rows can give, in the order first written.</summary>
    public ImmutableArray<string> Grades { get; }

    /// <summary>The effective grading rows, template first then each rule set.</summary>
    public ImmutableArray<GradingRule> GradingRules { get; }

    public ImmutableArray<ActionRule> CaseActionRules { get; }

    /// <summary>The team action rules, in order; pass these instances to <see cref="TeamActionMatches"/>.</summary>
    public ImmutableArray<ActionRule> TeamActionRules { get; }

    /// <summary>The service action rules, in order; pass these instances to <see cref="ServiceActionMatches"/>.</summary>
    public ImmutableArray<ActionRule> ServiceActionRules { get; }

    /// <summary>Outcomes, score, grade and the case action rules that held (criterion actions, then case_actions) for one submission.</summary>
    public CaseResult Evaluate(Submission submission) => Evaluate(submission, null);

    /// <summary>As <see cref="Evaluate(Submission)"/>, with working values to reuse from one call to the next.</summary>
    /// <param name="scratch">
    /// One array per thread (see <see cref="NewScratch"/>), or null for a fresh array: a run evaluates millions of audits.
    /// </param>
    internal CaseResult Evaluate(Submission submission, Value[]? scratch)
    {
        var values = Prepare(submission, scratch);
        var criteria = Template.Criteria;
        var outcomes = new Outcome[_criteria.Length];
        List<string>? failures = null;
        var counts = default(OutcomeCounts);
        var criticalNotMet = 0;
        for (var i = 0; i < _criteria.Length; i++)
        {
            var outcome = EvaluateCriterion(_criteria[i], values, submission.Answers[i], ref failures);
            outcomes[i] = outcome;
            values[_layout.FirstOutcome + i] = OutcomeValues[(int)outcome];
            counts = counts.Add(outcome);
            if (outcome == Outcome.NotMet && criteria[i].Critical)
            {
                criticalNotMet++;
            }
        }

        var score = counts.Compliance(Template.Scoring.PartlyWeight);
        values[_layout.Score] = score is { } s ? Value.FromNumber(s) : Value.Missing;
        values[_layout.Met] = Value.FromNumber(counts.Met);
        values[_layout.Partly] = Value.FromNumber(counts.Partly);
        values[_layout.NotMet] = Value.FromNumber(counts.NotMet);
        values[_layout.NotApplicable] = Value.FromNumber(counts.NotApplicable);
        values[_layout.Missing] = Value.FromNumber(counts.Missing);
        values[_layout.CriticalNotMet] = Value.FromNumber(criticalNotMet);

        string? grade = null;
        for (var g = 0; g < _grading.Length; g++)
        {
            var row = _grading[g];
            if (Holds(row.When, values, _gradingKeys[g], ref failures))
            {
                grade = row.Rule.Grade;
                break;
            }
        }

        values[_layout.Grade] = Value.FromText(grade);
        ImmutableArray<RaisedCaseAction>.Builder? actions = null;
        var actionOutcomes = _criterionActionOutcomes ??= CriterionActionOutcomes();
        for (var i = 0; i < outcomes.Length; i++)
        {
            if ((actionOutcomes[i] & (1 << (int)outcomes[i])) != 0)
            {
                Raise(submission, _caseActionRules[i]!, criteria[i].Action!.DueInWorkingDays, ref actions, ref failures);
            }
        }

        for (var r = 0; r < _caseActions.Length; r++)
        {
            var rule = _caseActions[r];
            if (Holds(rule.When, values, rule.Rule.Key, ref failures))
            {
                Raise(submission, _caseActionRules[_criteria.Length + r]!, rule.Rule.DueInWorkingDays, ref actions, ref failures);
            }
        }

        return new CaseResult
        {
            Submission = submission,
            Outcomes = ImmutableCollectionsMarshal.AsImmutableArray(outcomes),
            Counts = counts,
            Score = score,
            CriticalNotMet = criticalNotMet,
            Grade = grade,
            Actions = actions is null ? [] : actions.ToImmutable(),
            Failures = failures is null ? [] : [.. failures],
        };
    }

    /// <summary>For each criterion, the outcomes its action is raised on, one bit each (none when it has no action).</summary>
    private int[] CriterionActionOutcomes() =>
        [.. Template.Criteria.Select(c => c.Action is { } action ? action.On.Aggregate(0, (bits, outcome) => bits | (1 << (int)outcome)) : 0)];

    /// <summary>Every criterion's finding with its explanation, in template order.</summary>
    public ImmutableArray<Finding> Explain(Submission submission)
    {
        var values = Prepare(submission);
        var findings = ImmutableArray.CreateBuilder<Finding>(_criteria.Length);
        List<string>? failures = null;
        for (var i = 0; i < _criteria.Length; i++)
        {
            var criterion = _criteria[i];
            var outcome = EvaluateCriterion(criterion, values, submission.Answers[i], ref failures);
            Explanation explanation;
            try
            {
                explanation = ExplainCriterion(criterion, values, outcome);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                explanation = new Explanation(null, [], $"could not be evaluated ({ex.GetType().Name})", []);
            }

            findings.Add(new Finding(Template.Criteria[i].Id, outcome, explanation));
        }

        return findings.MoveToImmutable();
    }

    public bool TeamActionMatches(ActionRule rule, TeamCriterionFacts facts)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(facts);
        if (!_teamActions.TryGetValue(rule, out var when))
        {
            throw new ArgumentException($"The team action rule '{rule.Key}' is not part of this compiled rule set.", nameof(rule));
        }

        var values = new Value[AggregateLayout.Size];
        AggregateLayout.Fill(values, facts);
        return when.Evaluate(values) == true;
    }

    public bool ServiceActionMatches(ActionRule rule, ServiceCriterionFacts facts)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(facts);
        if (!_serviceActions.TryGetValue(rule, out var when))
        {
            throw new ArgumentException($"The service action rule '{rule.Key}' is not part of this compiled rule set.", nameof(rule));
        }

        var values = new Value[AggregateLayout.Size];
        AggregateLayout.Fill(values, facts);
        return when.Evaluate(values) == true;
    }

    /// <summary>The outcome of one criterion: DESIGN.md "Outcomes of one criterion", rules 1 to 4.</summary>
    internal static Outcome DecideOutcome(CompiledCriterion criterion, Value[] values)
    {
        if (criterion.AppliesWhen is { } applies)
        {
            switch (applies.Evaluate(values))
            {
                case false: return Outcome.NotApplicable;
                case null: return Outcome.Missing;
            }
        }

        if (criterion.MetWhen is not { } met)
        {
            return AnswerOutcome(values[criterion.AnswerSlot].RawText);
        }

        switch (met.Evaluate(values))
        {
            case true: return Outcome.Met;
            case null: return Outcome.Missing;
        }

        if (criterion.PartlyWhen is not { } partly)
        {
            return Outcome.NotMet;
        }

        return partly.Evaluate(values) switch
        {
            true => Outcome.Partly,
            false => Outcome.NotMet,
            null => Outcome.Missing,
        };
    }

    /// <summary>The outcome an auditor's answer gives on its own (answers are normalised by the reader; aliases are accepted too).</summary>
    internal static Outcome AnswerOutcome(string? answer)
    {
        if (answer is null)
        {
            return Outcome.Missing;
        }

        if (answer.Equals("Yes", StringComparison.OrdinalIgnoreCase))
        {
            return Outcome.Met;
        }

        if (answer.Equals("No", StringComparison.OrdinalIgnoreCase))
        {
            return Outcome.NotMet;
        }

        if (answer.Equals("Partly", StringComparison.OrdinalIgnoreCase) || answer.Equals("Partially", StringComparison.OrdinalIgnoreCase))
        {
            return Outcome.Partly;
        }

        return answer.Equals("N/A", StringComparison.OrdinalIgnoreCase) || answer.Equals("NA", StringComparison.OrdinalIgnoreCase)
            ? Outcome.NotApplicable
            : Outcome.Missing;
    }

    /// <summary>An array of working values for <see cref="Evaluate(Submission, Value[])"/> to reuse.</summary>
    internal Value[] NewScratch() => new Value[_layout.Size];

    private Value[] Prepare(Submission submission, Value[]? scratch = null)
    {
        ArgumentNullException.ThrowIfNull(submission);
        if (submission.Answers.Length != _criteria.Length || submission.Facts.Length != _layout.FactCount)
        {
            throw new ArgumentException(
                $"Submission '{submission.AuditId}' was not read against template '{Template.Id}': it has {submission.Answers.Length} answers and {submission.Facts.Length} facts.",
                nameof(submission));
        }

        // Every slot past the facts is written before any expression reads it, so a reused array needs no clearing.
        var values = scratch?.Length == _layout.Size ? scratch : new Value[_layout.Size];
        submission.Facts.AsSpan().CopyTo(values);
        values[_layout.AuditDate] = Value.FromDate(submission.AuditDate);
        values[_layout.CaseType] = Value.FromText(submission.CaseType);
        values[_layout.Team] = Value.FromText(submission.Team);
        values[_layout.Service] = Value.FromText(submission.Service);
        return values;
    }

    private Outcome EvaluateCriterion(CompiledCriterion criterion, Value[] values, string? answer, ref List<string>? failures)
    {
        values[_layout.Answer] = Value.FromText(answer);
        try
        {
            return DecideOutcome(criterion, values);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            AddFailure(ref failures, criterion.RuleKey, ex);
            return Outcome.Missing;
        }
    }

    private static bool Holds(CompiledCondition when, Value[] values, string ruleKey, ref List<string>? failures)
    {
        try
        {
            return when.Evaluate(values) == true;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            AddFailure(ref failures, ruleKey, ex);
            return false;
        }
    }

    private void Raise(
        Submission submission,
        CaseActionRule rule,
        int dueInWorkingDays,
        ref ImmutableArray<RaisedCaseAction>.Builder? actions,
        ref List<string>? failures)
    {
        try
        {
            var due = _calendar.AddWorkingDays(submission.AuditDate, dueInWorkingDays);
            (actions ??= ImmutableArray.CreateBuilder<RaisedCaseAction>()).Add(new RaisedCaseAction(rule, due));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            AddFailure(ref failures, rule.RuleKey, ex);
        }
    }

    private static CaseActionRule?[] BuildCaseActionRules(AuditTemplate template, CompiledCriterion[] criteria, CompiledRule<ActionRule>[] caseActions)
    {
        var rules = new CaseActionRule?[criteria.Length + caseActions.Length];
        for (var i = 0; i < criteria.Length; i++)
        {
            var definition = template.Criteria[i];
            if (definition.Action is not { } action)
            {
                continue;
            }

            var text = ActionTextParts.Parse(action.Text).Bind(
                new ActionTextValues(Criterion: definition.Id, CriterionText: definition.Text, Target: definition.Target),
                ActionTextParts.Slot.Team,
                ActionTextParts.Slot.CaseRef);
            rules[i] = new CaseActionRule(criteria[i].RuleKey, definition.Id, action.Owner, null, definition.Target, text);
        }

        for (var r = 0; r < caseActions.Length; r++)
        {
            var rule = caseActions[r].Rule;
            var text = ActionTextParts.Parse(rule.Text).Bind(new ActionTextValues(), ActionTextParts.Slot.Team, ActionTextParts.Slot.CaseRef);
            rules[criteria.Length + r] = new CaseActionRule(rule.Key, null, rule.Owner, rule.EscalateTo, null, text)
            {
                ReauditWithinWorkingDays = rule.ReauditWithinWorkingDays,
            };
        }

        return rules;
    }

    private static void AddFailure(ref List<string>? failures, string ruleKey, Exception ex)
    {
        // Only the rule key and the kind of failure: exception messages could carry case values.
        failures ??= [];
        failures.Add(Messages.RuleFailed(ruleKey, ex.GetType().Name).Text);
    }

    private Explanation ExplainCriterion(CompiledCriterion criterion, Value[] values, Outcome outcome)
    {
        var parts = new List<(string Key, ExpressionSource Source, ExpressionTrace Trace)>(3);
        void Trace(string key, CompiledCondition condition) =>
            parts.Add((key, condition.Source, ExpressionExplainer.Explain(condition.Tree, values, _calendar)));

        if (criterion.AppliesWhen is { } applies)
        {
            Trace("applies_when", applies);
        }

        var decidedByApplies = parts.Count == 1 && parts[0].Trace.Result != Value.True;
        if (!decidedByApplies && criterion.MetWhen is { } met)
        {
            Trace("met_when", met);
            if (parts[^1].Trace.Result == Value.False && criterion.PartlyWhen is { } partly)
            {
                Trace("partly_when", partly);
            }
        }

        var read = new List<KeyValuePair<string, Value>>();
        foreach (var part in parts)
        {
            foreach (var pair in part.Trace.Read)
            {
                if (!read.Exists(r => r.Key == pair.Key))
                {
                    read.Add(pair);
                }
            }
        }

        if (!decidedByApplies && criterion.MetWhen is null)
        {
            var answer = values[criterion.AnswerSlot];
            read.RemoveAll(r => r.Key == "answer");
            read.Add(new("answer", answer));
            var expression = parts.Count == 0 ? null : $"applies_when: {parts[0].Source.Text}; answer";
            var blank = answer.IsMissing ? ImmutableArray.Create("answer") : [];
            return new Explanation(expression, [.. read], outcome.ToContractName(), blank);
        }

        var last = parts[^1];
        var text = parts.Count == 1 ? last.Source.Text : string.Join("; ", parts.Select(p => $"{p.Key}: {p.Source.Text}"));
        var result = ResultWords(last.Trace);
        var blanks = last.Trace.Result.IsMissing ? ImmutableArray.CreateRange(last.Trace.Blank) : [];
        // The counts of days that decided: applies_when's when it ruled the criterion out, else those of met_when and partly_when.
        var deciding = decidedByApplies ? parts : parts.Where(p => p.Key != "applies_when");
        return new Explanation(text, [.. read], result, blanks) { DayCounts = [.. deciding.SelectMany(p => p.Trace.DayCounts).Distinct()] };
    }

    private static string ResultWords(ExpressionTrace trace)
    {
        var words = trace.Result.IsMissing ? "missing" : trace.Result.ToString();
        return trace.Notes.Count == 0 ? words : $"{words} ({string.Join(", ", trace.Notes)})";
    }
}
