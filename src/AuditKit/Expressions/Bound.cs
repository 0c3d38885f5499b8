using System.Collections.Immutable;

namespace AuditKit.Expressions;

internal enum FunctionKind
{
    IsBlank,
    Coalesce,
    DaysBetween,
    WorkingDaysBetween,
    Lower,
    Contains,
    Length,
    Min,
    Max,
    If,
    Date,
}

internal enum BoundOperator
{
    And,
    Or,
    Not,
    Negate,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Add,
    Subtract,
    Multiply,
    Divide,

    /// <summary>date + number of days.</summary>
    AddDays,

    /// <summary>date - number of days.</summary>
    SubtractDays,
}

/// <summary>A type-checked node: every name resolved to a slot, every operator to its typed form.</summary>
internal abstract record BoundNode(ExprType Type, int Start, int End);

internal sealed record BoundLiteral(Value Value, ExprType Type, int Start, int End) : BoundNode(Type, Start, End);

internal sealed record BoundName(NameInfo Name, int Start, int End) : BoundNode(Name.Type, Start, End);

internal sealed record BoundUnary(BoundOperator Operator, BoundNode Operand, ExprType Type, int Start, int End) : BoundNode(Type, Start, End);

/// <summary>A binary operation. For comparisons, the operand type is <c>Left.Type</c>.</summary>
internal sealed record BoundBinary(BoundOperator Operator, BoundNode Left, BoundNode Right, ExprType Type, int Start, int End)
    : BoundNode(Type, Start, End);

internal sealed record BoundCall(FunctionKind Function, ImmutableArray<BoundNode> Arguments, ExprType Type, int Start, int End)
    : BoundNode(Type, Start, End);

/// <summary>The functions of the language, by the name users write.</summary>
internal static class Functions
{
    public static IReadOnlyDictionary<string, (FunctionKind Kind, int Arity)> ByName { get; } =
        new Dictionary<string, (FunctionKind, int)>(StringComparer.Ordinal)
        {
            ["is_blank"] = (FunctionKind.IsBlank, 1),
            ["coalesce"] = (FunctionKind.Coalesce, 2),
            ["days_between"] = (FunctionKind.DaysBetween, 2),
            ["working_days_between"] = (FunctionKind.WorkingDaysBetween, 2),
            ["lower"] = (FunctionKind.Lower, 1),
            ["contains"] = (FunctionKind.Contains, 2),
            ["length"] = (FunctionKind.Length, 1),
            ["min"] = (FunctionKind.Min, 2),
            ["max"] = (FunctionKind.Max, 2),
            ["if"] = (FunctionKind.If, 3),
            ["date"] = (FunctionKind.Date, 1),
        };

    public static string Name(FunctionKind kind) => ByName.First(f => f.Value.Kind == kind).Key;
}
