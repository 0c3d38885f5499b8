using System.Collections.Immutable;
using System.Globalization;
using AuditKit.Calendar;
using AuditKit.Diagnostics;

namespace AuditKit.Expressions;

/// <summary>
/// Resolves names to slots and checks types, reporting each problem at the offending token.
/// A node that failed (or reads a name that cannot be known) becomes null, and checks that depend
/// on it are skipped, so that one mistake gives one message.
/// </summary>
internal sealed class TypeChecker
{
    private readonly ExpressionSource _source;
    private readonly NameTable _names;
    private readonly DiagnosticBag _diagnostics;

    private TypeChecker(ExpressionSource source, NameTable names, DiagnosticBag diagnostics)
    {
        _source = source;
        _names = names;
        _diagnostics = diagnostics;
    }

    public static BoundNode? Check(SyntaxNode node, ExpressionSource source, NameTable names, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(diagnostics);
        return new TypeChecker(source, names, diagnostics).Visit(node);
    }

    private BoundNode? Visit(SyntaxNode node) => node switch
    {
        NumberSyntax n => new BoundLiteral(Value.FromNumber(n.Value), ExprType.Number, n.Start, n.End),
        TextSyntax t => new BoundLiteral(Value.FromText(t.Value), ExprType.Text, t.Start, t.End),
        BoolSyntax b => new BoundLiteral(Value.FromBool(b.Value), ExprType.Bool, b.Start, b.End),
        NameSyntax name => VisitName(name),
        UnarySyntax unary => VisitUnary(unary),
        BinarySyntax binary => VisitBinary(binary),
        InSyntax @in => VisitIn(@in),
        CallSyntax call => VisitCall(call),
        _ => throw new InvalidOperationException($"Unexpected syntax node {node.GetType().Name}."),
    };

    private BoundNode? VisitName(NameSyntax node)
    {
        if (_names.TryResolve(node.Name, out var info))
        {
            return new BoundName(info, node.Start, node.End);
        }

        if (_names.UnknownNamesAllowed)
        {
            return null;
        }

        if (Functions.ByName.ContainsKey(node.Name))
        {
            Report(node.Start, Messages.ExprFunctionWithoutCall(node.Name));
        }
        else if (_names.IsCriterion(node.Name))
        {
            Report(node.Start, Messages.ExprCriterionOutsideCase(node.Name));
        }
        else if (BuiltInNames.TryGet(node.Name, out _, out var scopes))
        {
            Report(node.Start, Messages.ExprNameInOtherScope(node.Name, BuiltInNames.Display(scopes)));
        }
        else if (_names.IsFact(node.Name))
        {
            Report(node.Start, Messages.ExprNameInOtherScope(
                node.Name,
                BuiltInNames.Display([ExpressionScope.Criterion, ExpressionScope.Grading, ExpressionScope.CaseAction])));
        }
        else
        {
            Report(node.Start, Messages.ExprUnknownName(node.Name, NameSuggestions.Hint(node.Name, _names.Names)));
        }

        return null;
    }

    private BoundNode? VisitUnary(UnarySyntax node)
    {
        var operand = Visit(node.Operand);
        if (operand is null)
        {
            return null;
        }

        if (node.Operator == TokenKind.Not)
        {
            return Expect(operand, ExprType.Bool, "not", "right side")
                ? new BoundUnary(BoundOperator.Not, operand, ExprType.Bool, node.Start, node.End)
                : null;
        }

        return Expect(operand, ExprType.Number, "-", "right side")
            ? new BoundUnary(BoundOperator.Negate, operand, ExprType.Number, node.Start, node.End)
            : null;
    }

    private BoundNode? VisitBinary(BinarySyntax node)
    {
        var left = Visit(node.Left);
        var right = Visit(node.Right);
        if (left is null || right is null)
        {
            return null;
        }

        var op = OperatorText(node);
        switch (node.Operator)
        {
            case TokenKind.And:
            case TokenKind.Or:
            {
                var leftOk = Expect(left, ExprType.Bool, op, "left side");
                var rightOk = Expect(right, ExprType.Bool, op, "right side");
                return leftOk && rightOk
                    ? new BoundBinary(node.Operator == TokenKind.And ? BoundOperator.And : BoundOperator.Or, left, right, ExprType.Bool, node.Start, node.End)
                    : null;
            }

            case TokenKind.Equal:
            case TokenKind.NotEqual:
                if (left.Type != right.Type)
                {
                    Report(node.OperatorStart, Messages.ExprCannotCompare(left.Type.Display(), right.Type.Display(), op));
                    return null;
                }

                return new BoundBinary(node.Operator == TokenKind.Equal ? BoundOperator.Equal : BoundOperator.NotEqual, left, right, ExprType.Bool, node.Start, node.End);

            case TokenKind.Less:
            case TokenKind.LessOrEqual:
            case TokenKind.Greater:
            case TokenKind.GreaterOrEqual:
                if (left.Type != right.Type)
                {
                    Report(node.OperatorStart, Messages.ExprCannotCompare(left.Type.Display(), right.Type.Display(), op));
                    return null;
                }

                if (left.Type is ExprType.Text or ExprType.Bool)
                {
                    Report(node.OperatorStart, Messages.ExprCannotOrder(left.Type.Display(), op));
                    return null;
                }

                var ordering = node.Operator switch
                {
                    TokenKind.Less => BoundOperator.Less,
                    TokenKind.LessOrEqual => BoundOperator.LessOrEqual,
                    TokenKind.Greater => BoundOperator.Greater,
                    _ => BoundOperator.GreaterOrEqual,
                };
                return new BoundBinary(ordering, left, right, ExprType.Bool, node.Start, node.End);

            case TokenKind.Plus:
                return VisitPlus(node, left, right);

            case TokenKind.Minus:
                return VisitMinus(node, left, right);

            default:
            {
                var leftOk = Expect(left, ExprType.Number, op, "left side");
                var rightOk = Expect(right, ExprType.Number, op, "right side");
                var arithmetic = node.Operator == TokenKind.Star ? BoundOperator.Multiply : BoundOperator.Divide;
                return leftOk && rightOk ? new BoundBinary(arithmetic, left, right, ExprType.Number, node.Start, node.End) : null;
            }
        }
    }

    private BoundBinary? VisitPlus(BinarySyntax node, BoundNode left, BoundNode right)
    {
        switch (left.Type, right.Type)
        {
            case (ExprType.Number, ExprType.Number):
                return new BoundBinary(BoundOperator.Add, left, right, ExprType.Number, node.Start, node.End);
            case (ExprType.Date, ExprType.Number):
                return new BoundBinary(BoundOperator.AddDays, left, right, ExprType.Date, node.Start, node.End);
            case (ExprType.Number, ExprType.Date):
                return new BoundBinary(BoundOperator.AddDays, right, left, ExprType.Date, node.Start, node.End);
            case (ExprType.Number or ExprType.Date, _):
                Report(right.Start, Messages.ExprOperandType("+", "right side", right.Type.Display(), left.Type == ExprType.Date ? "a number of days" : "a number or a date"));
                return null;
            default:
                Report(left.Start, Messages.ExprOperandType("+", "left side", left.Type.Display(), "a number or a date"));
                return null;
        }
    }

    private BoundBinary? VisitMinus(BinarySyntax node, BoundNode left, BoundNode right)
    {
        switch (left.Type, right.Type)
        {
            case (ExprType.Number, ExprType.Number):
                return new BoundBinary(BoundOperator.Subtract, left, right, ExprType.Number, node.Start, node.End);
            case (ExprType.Date, ExprType.Number):
                return new BoundBinary(BoundOperator.SubtractDays, left, right, ExprType.Date, node.Start, node.End);
            case (ExprType.Date, ExprType.Date):
                Report(node.OperatorStart, Messages.ExprDateMinusDate());
                return null;
            case (ExprType.Number or ExprType.Date, _):
                Report(right.Start, Messages.ExprOperandType("-", "right side", right.Type.Display(), "a number"));
                return null;
            default:
                Report(left.Start, Messages.ExprOperandType("-", "left side", left.Type.Display(), "a number or a date"));
                return null;
        }
    }

    private BoundNode? VisitIn(InSyntax node)
    {
        var value = Visit(node.Value);
        var items = new List<BoundNode>(node.Items.Length);
        var failed = value is null;
        foreach (var itemSyntax in node.Items)
        {
            var item = Visit(itemSyntax);
            if (item is null)
            {
                failed = true;
                continue;
            }

            if (value is not null && item.Type != value.Type)
            {
                Report(item.Start, Messages.ExprListItemType(item.Type.Display(), value.Type.Display()));
                failed = true;
                continue;
            }

            items.Add(item);
        }

        if (failed || value is null)
        {
            return null;
        }

        // x in [a, b] means (x = a) or (x = b): the same three-valued result.
        BoundNode? result = null;
        foreach (var item in items)
        {
            var equal = new BoundBinary(BoundOperator.Equal, value, item, ExprType.Bool, node.Start, node.End);
            result = result is null ? equal : new BoundBinary(BoundOperator.Or, result, equal, ExprType.Bool, node.Start, node.End);
        }

        return result;
    }

    private BoundNode? VisitCall(CallSyntax node)
    {
        if (!Functions.ByName.TryGetValue(node.Function, out var function))
        {
            if (_names.TryResolve(node.Function, out _) || BuiltInNames.TryGet(node.Function, out _, out _))
            {
                Report(node.NameStart, Messages.ExprNotAFunction(node.Function));
            }
            else
            {
                Report(node.NameStart, Messages.ExprUnknownFunction(node.Function, NameSuggestions.Hint(node.Function, Functions.ByName.Keys)));
            }

            return null;
        }

        if (node.Arguments.Length != function.Arity)
        {
            var expected = function.Arity == 1 ? "1 argument" : $"{function.Arity.ToString(CultureInfo.InvariantCulture)} arguments";
            Report(node.NameStart, Messages.ExprArgumentCount(node.Function, expected, node.Arguments.Length));
            return null;
        }

        if (function.Kind == FunctionKind.Date)
        {
            return VisitDate(node);
        }

        var arguments = new BoundNode?[node.Arguments.Length];
        var failed = false;
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = Visit(node.Arguments[i]);
            failed |= arguments[i] is null;
        }

        if (failed)
        {
            return null;
        }

        // Every argument is bound when none failed.
        var args = ImmutableArray.Create(arguments!);
        var type = CallType(function.Kind, node.Function, args);
        return type is { } t ? new BoundCall(function.Kind, args!, t, node.Start, node.End) : null;
    }

    private ExprType? CallType(FunctionKind kind, string name, ImmutableArray<BoundNode?> args)
    {
        var a = args[0]!;
        switch (kind)
        {
            case FunctionKind.IsBlank:
                return ExprType.Bool;
            case FunctionKind.Coalesce:
                return SameType(name, a, args[1]!) ? a.Type : null;
            case FunctionKind.DaysBetween:
            case FunctionKind.WorkingDaysBetween:
            {
                var firstOk = ExpectArgument(name, 1, a, ExprType.Date);
                var secondOk = ExpectArgument(name, 2, args[1]!, ExprType.Date);
                return firstOk && secondOk ? ExprType.Number : null;
            }

            case FunctionKind.Lower:
                return ExpectArgument(name, 1, a, ExprType.Text) ? ExprType.Text : null;
            case FunctionKind.Length:
                return ExpectArgument(name, 1, a, ExprType.Text) ? ExprType.Number : null;
            case FunctionKind.Contains:
            {
                var firstOk = ExpectArgument(name, 1, a, ExprType.Text);
                var secondOk = ExpectArgument(name, 2, args[1]!, ExprType.Text);
                return firstOk && secondOk ? ExprType.Bool : null;
            }

            case FunctionKind.Min:
            case FunctionKind.Max:
                if (a.Type is not (ExprType.Number or ExprType.Date))
                {
                    Report(a.Start, Messages.ExprArgumentType(name, 1, "a number or a date", a.Type.Display()));
                    return null;
                }

                return ExpectArgument(name, 2, args[1]!, a.Type) ? a.Type : null;
            case FunctionKind.If:
            {
                var conditionOk = ExpectArgument(name, 1, a, ExprType.Bool);
                var branchesOk = SameType(name, args[1]!, args[2]!);
                return conditionOk && branchesOk ? args[1]!.Type : null;
            }

            default:
                throw new InvalidOperationException($"Unexpected function {kind}.");
        }
    }

    private BoundNode? VisitDate(CallSyntax node)
    {
        if (node.Arguments[0] is not TextSyntax text)
        {
            Report(node.Arguments[0].Start, Messages.ExprDateNeedsText());
            return null;
        }

        if (!IsoDate.TryParse(text.Value, out var date))
        {
            Report(text.Start, Messages.ExprBadDate(text.Value));
            return null;
        }

        return new BoundLiteral(Value.FromDate(date), ExprType.Date, node.Start, node.End);
    }

    private bool SameType(string function, BoundNode first, BoundNode second)
    {
        if (first.Type == second.Type)
        {
            return true;
        }

        Report(second.Start, Messages.ExprMismatchedBranches(function, first.Type.Display(), second.Type.Display()));
        return false;
    }

    private bool ExpectArgument(string function, int position, BoundNode argument, ExprType needed)
    {
        if (argument.Type == needed)
        {
            return true;
        }

        Report(argument.Start, Messages.ExprArgumentType(function, position, Needed(needed), argument.Type.Display()));
        return false;
    }

    private bool Expect(BoundNode operand, ExprType needed, string op, string side)
    {
        if (operand.Type == needed)
        {
            return true;
        }

        Report(operand.Start, Messages.ExprOperandType(op, side, operand.Type.Display(), Needed(needed)));
        return false;
    }

    private static string Needed(ExprType type) => type switch
    {
        ExprType.Number => "a number",
        ExprType.Date => "a date",
        ExprType.Text => "text",
        _ => "true/false",
    };

    private string OperatorText(BinarySyntax node) => node.Operator switch
    {
        TokenKind.Equal => "=",
        TokenKind.NotEqual => "!=",
        TokenKind.Less => "<",
        TokenKind.LessOrEqual => "<=",
        TokenKind.Greater => ">",
        TokenKind.GreaterOrEqual => ">=",
        TokenKind.And => "and",
        TokenKind.Or => "or",
        TokenKind.Plus => "+",
        TokenKind.Minus => "-",
        TokenKind.Star => "*",
        TokenKind.Slash => "/",
        _ => _source.Text.Substring(node.OperatorStart, 1),
    };

    private void Report(int offset, (string Code, string Text) message) =>
        _diagnostics.Error(message.Code, _source.LocationOf(offset), message.Text);
}
