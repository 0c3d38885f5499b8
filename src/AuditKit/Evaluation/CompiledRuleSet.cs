using System.Collections.Immutable;
using AuditKit.Submissions;
using AuditKit.Templates;

namespace AuditKit.Evaluation;

/// <summary>A template with every expression type-checked and compiled, ready to evaluate submissions.</summary>
public sealed class CompiledRuleSet : IActionConditions
{
    public required AuditTemplate Template { get; init; }

    /// <summary>Outcomes, score, grade and case actions (criterion actions, then case_actions) for one submission.</summary>
    public CaseResult Evaluate(Submission submission) => throw new NotImplementedException();

    /// <summary>Every criterion's finding with its explanation, in template order.</summary>
    public ImmutableArray<Finding> Explain(Submission submission) => throw new NotImplementedException();

    public bool TeamActionMatches(ActionRule rule, TeamCriterionFacts facts) => throw new NotImplementedException();

    public bool ServiceActionMatches(ActionRule rule, ServiceCriterionFacts facts) => throw new NotImplementedException();
}
