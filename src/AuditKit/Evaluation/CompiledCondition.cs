using AuditKit.Expressions;

namespace AuditKit.Evaluation;

/// <summary>One checked and compiled true/false expression: the source for messages, the tree for explanations, the delegate for speed.</summary>
internal sealed class CompiledCondition(ExpressionSource source, BoundNode tree, Func<Value[], bool?> evaluate)
{
    public ExpressionSource Source { get; } = source;

    public BoundNode Tree { get; } = tree;

    /// <summary>True, false, or null when the value is missing.</summary>
    public Func<Value[], bool?> Evaluate { get; } = evaluate;
}

/// <summary>A criterion's compiled conditions (each null when the criterion has none).</summary>
internal sealed record CompiledCriterion(
    int Index,
    CompiledCondition? AppliesWhen,
    CompiledCondition? MetWhen,
    CompiledCondition? PartlyWhen,
    string RuleKey,
    int AnswerSlot);

/// <summary>A grading row or an action rule with its compiled <c>when</c>.</summary>
internal sealed record CompiledRule<TRule>(TRule Rule, CompiledCondition When);
