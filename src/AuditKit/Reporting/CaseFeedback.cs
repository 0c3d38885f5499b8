using System.Collections.Immutable;
using AuditKit.Evaluation;
using AuditKit.FollowUps;
using AuditKit.Submissions;
using AuditKit.Templates;

namespace AuditKit.Reporting;

/// <summary>
/// Everything the feedback document on one audit says: the audit as submitted (its comments among it), what each
/// criterion came to and why, the grade and the case actions. Holds one case only.
/// </summary>
/// <param name="Template">The template as compiled (its criteria know whether they are computed).</param>
/// <param name="Findings">One per criterion, in template order.</param>
/// <param name="Actions">The case actions, in the order raised, with owners resolved.</param>
/// <param name="RaisedOn">The day the actions are raised (the as-of date): a due date before it had passed already.</param>
public sealed record CaseFeedback(
    AuditTemplate Template,
    Submission Submission,
    CaseResult Result,
    ImmutableArray<Finding> Findings,
    ImmutableArray<FollowUpAction> Actions,
    DateOnly RaisedOn)
{
    /// <summary>Evaluates and explains <paramref name="submission"/> for its feedback document.</summary>
    /// <param name="directory">Names the managing roles that own actions; null leaves them as roles.</param>
    public static CaseFeedback Create(CompiledRuleSet rules, Submission submission, DateOnly raisedOn, TeamDirectory? directory)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(submission);
        var result = rules.Evaluate(submission);
        return new CaseFeedback(
            rules.Template,
            submission,
            result,
            rules.Explain(submission),
            FollowUpPlanner.PlanCaseActions(rules.Template.Id, result, directory),
            raisedOn);
    }
}
