using System.Collections.Immutable;
using System.Linq.Expressions;
using AuditKit.Evaluation;
using AuditKit.Templates;
using NRules;
using NRules.RuleModel;
using NRules.RuleModel.Builders;

namespace AuditKit.FollowUps.Escalations;

/// <summary>
/// A rule set's escalations compiled into an NRules session factory (thread-safe, built once with the compiled rule set).
/// Each rule matches one fact: a subject of its kind (<c>for:</c>), or the fact another escalation inserted when it fired
/// (<c>after:</c>). Its condition is AuditKit's compiled expression over the subject's values; its action inserts a
/// <see cref="RaisedFact"/> and nothing else, so rules can chain but never change or retract facts.
/// </summary>
internal sealed class EscalationEngine
{
    /// <summary>The most rule firings one session may make: a backstop, as loops are refused when the rule set loads.</summary>
    public const int FiringCap = 100_000;

    private readonly ISessionFactory _factory;
    private readonly Dictionary<string, CompiledCondition> _conditions;

    // Each rule's position in the rule set, the first key of the order results come in.
    private readonly Dictionary<string, int> _positions;

    public EscalationEngine(IReadOnlyList<(EscalationRule Rule, CompiledCondition When)> rules)
    {
        Rules = [.. rules.Select(r => r.Rule)];
        _conditions = rules.ToDictionary(r => r.Rule.Id, r => r.When, StringComparer.Ordinal);
        _positions = rules.Select((r, i) => (r.Rule.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        var definitions = rules.Select((r, i) => Define(r.Rule, r.When, i)).ToList();
        var options = new RuleCompilerOptions { UnsupportedExpressionHandling = RuleCompilerUnsupportedExpressionsHandling.TreatAsNotEqual };
        _factory = new RuleCompiler(options).Compile(definitions);
    }

    public ImmutableArray<EscalationRule> Rules { get; }

    public CompiledCondition ConditionOf(EscalationRule rule) => _conditions[rule.Id];

    /// <summary>
    /// Fires the rules over <paramref name="subjects"/> in a new session. A condition or action that fails records a failure
    /// on its rule and the others go on (a rule of <see cref="string.Empty"/> with the reason when firing reached the cap).
    /// Results are in a fixed order: by rule position, then subject key.
    /// </summary>
    public (ImmutableArray<RaisedFact> Raised, ImmutableArray<(string Rule, string Reason)> Failures) Fire(IEnumerable<SubjectFact> subjects)
    {
        var session = _factory.CreateSession();
        var failures = new List<(string Rule, string Reason)>();
        session.Events.LhsExpressionFailedEvent += (_, e) =>
        {
            foreach (var rule in e.Rules)
            {
                failures.Add((rule.Name, e.Exception?.GetType().Name ?? "failed"));
            }

            e.IsHandled = true;
        };
        session.Events.RhsExpressionFailedEvent += (_, e) =>
        {
            failures.Add((e.Match.Rule.Name, e.Exception?.GetType().Name ?? "failed"));
            e.IsHandled = true;
        };

        session.InsertAll(subjects);
        var fired = session.Fire(FiringCap);
        if (fired >= FiringCap)
        {
            failures.Add((string.Empty, Diagnostics.Messages.EscalationsCapped(FiringCap).Text));
        }

        var raised = session.Query<RaisedFact>()
            .OrderBy(r => _positions[r.RuleId])
            .ThenBy(r => r.Subject.Target.SubjectKey, StringComparer.Ordinal)
            .ThenBy(r => r.Subject.Target.Criterion, StringComparer.Ordinal)
            .ThenBy(r => ChainKey(r), StringComparer.Ordinal)
            .ToImmutableArray();
        return (raised, [.. failures.Distinct().Order()]);
    }

    private static string ChainKey(RaisedFact raised) => raised.Parent is null ? string.Empty : raised.Parent.RuleId + "/" + ChainKey(raised.Parent);

    private static IRuleDefinition Define(EscalationRule rule, CompiledCondition when, int position)
    {
        var builder = new RuleBuilder();
        builder.Name(rule.Id);
        builder.Priority(-position);
        var lhs = builder.LeftHandSide();
        var evaluate = Expression.Constant(when.Evaluate);
        var raise = typeof(EscalationEngine).GetMethod(nameof(Raise), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
        var context = Expression.Parameter(typeof(IContext), "ctx");
        if (rule.After is null)
        {
            var pattern = lhs.Pattern(typeof(SubjectFact), "subject");
            var subject = pattern.Declaration.ToParameterExpression();
            pattern.Condition(Expression.Lambda(
                Expression.AndAlso(
                    Expression.Equal(Expression.Property(subject, nameof(SubjectFact.Kind)), Expression.Constant(rule.For)),
                    Holds(evaluate, Expression.Property(subject, nameof(SubjectFact.Values)))),
                subject));
            builder.RightHandSide().Action(Expression.Lambda(
                Expression.Call(raise, context, Expression.Constant(rule), subject, Expression.Constant(null, typeof(RaisedFact))),
                context,
                subject));
        }
        else
        {
            var pattern = lhs.Pattern(typeof(RaisedFact), "parent");
            var parent = pattern.Declaration.ToParameterExpression();
            var subject = Expression.Property(parent, nameof(RaisedFact.Subject));
            pattern.Condition(Expression.Lambda(
                Expression.AndAlso(
                    Expression.Equal(Expression.Property(parent, nameof(RaisedFact.RuleId)), Expression.Constant(rule.After)),
                    Holds(evaluate, Expression.Property(subject, nameof(SubjectFact.Values)))),
                parent));
            builder.RightHandSide().Action(Expression.Lambda(
                Expression.Call(raise, context, Expression.Constant(rule), subject, parent),
                context,
                parent));
        }

        return builder.Build();
    }

    /// <summary><c>evaluate(values) == true</c>: a missing value never holds.</summary>
    private static BinaryExpression Holds(ConstantExpression evaluate, Expression values) =>
        Expression.Equal(Expression.Invoke(evaluate, values), Expression.Constant(true, typeof(bool?)));

    private static void Raise(IContext context, EscalationRule rule, SubjectFact subject, RaisedFact? parent) =>
        context.Insert(new RaisedFact(rule, subject, parent));
}
