using System.Collections.Immutable;

namespace AuditKit.Expressions;

/// <summary>A node of a parsed expression. <see cref="Start"/> and <see cref="End"/> are offsets into the expression text.</summary>
internal abstract record SyntaxNode(int Start, int End);

internal sealed record NumberSyntax(double Value, int Start, int End) : SyntaxNode(Start, End);

internal sealed record TextSyntax(string Value, int Start, int End) : SyntaxNode(Start, End);

internal sealed record BoolSyntax(bool Value, int Start, int End) : SyntaxNode(Start, End);

internal sealed record NameSyntax(string Name, int Start, int End) : SyntaxNode(Start, End);

/// <summary><c>not x</c> or <c>-x</c>.</summary>
internal sealed record UnarySyntax(TokenKind Operator, int OperatorStart, SyntaxNode Operand, int Start, int End) : SyntaxNode(Start, End);

internal sealed record BinarySyntax(TokenKind Operator, int OperatorStart, SyntaxNode Left, SyntaxNode Right, int Start, int End)
    : SyntaxNode(Start, End);

/// <summary><c>x in [a, b]</c>.</summary>
internal sealed record InSyntax(SyntaxNode Value, int OperatorStart, ImmutableArray<SyntaxNode> Items, int Start, int End) : SyntaxNode(Start, End);

internal sealed record CallSyntax(string Function, int NameStart, ImmutableArray<SyntaxNode> Arguments, int Start, int End) : SyntaxNode(Start, End);
