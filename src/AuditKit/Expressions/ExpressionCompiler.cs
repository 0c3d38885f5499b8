using System.Linq.Expressions;
using System.Reflection;
using AuditKit.Calendar;

namespace AuditKit.Expressions;

/// <summary>
/// Turns a type-checked expression into a delegate over the value array. Names were resolved to slots
/// when checking, so evaluation does no lookups and allocates nothing (except the text <c>lower</c> returns).
/// </summary>
internal static class ExpressionCompiler
{
    private static readonly ParameterExpression Values = Expression.Parameter(typeof(Value[]), "values");

    /// <summary>A true/false expression as a delegate giving true, false or null (missing).</summary>
    public static Func<Value[], bool?> CompileCondition(BoundNode node, IWorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(calendar);
        if (node.Type != ExprType.Bool)
        {
            throw new ArgumentException("A condition must be true/false.", nameof(node));
        }

        return Expression.Lambda<Func<Value[], bool?>>(new Builder(calendar).BuildBody(node), Values).Compile();
    }

    /// <summary>Any expression as a delegate giving a <see cref="Value"/> (missing when the result is missing).</summary>
    public static Func<Value[], Value> CompileValue(BoundNode node, IWorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(calendar);
        var body = new Builder(calendar).BuildBody(node);
        var convert = node.Type switch
        {
            ExprType.Number => nameof(Operations.NumberToValue),
            ExprType.Date => nameof(Operations.DateToValue),
            ExprType.Bool => nameof(Operations.BoolToValue),
            _ => nameof(Operations.TextToValue),
        };
        return Expression.Lambda<Func<Value[], Value>>(Expression.Call(Method(convert, body.Type), body), Values).Compile();
    }

    /// <summary>The CLR type that carries a value of <paramref name="type"/> inside compiled code.</summary>
    internal static Type ClrType(ExprType type) => type switch
    {
        ExprType.Number or ExprType.Date => typeof(double?),
        ExprType.Bool => typeof(bool?),
        _ => typeof(string),
    };

    private static MethodInfo Method(string name, params Type[] parameters) =>
        typeof(Operations).GetMethod(name, BindingFlags.Public | BindingFlags.Static, parameters)
        ?? throw new InvalidOperationException($"Operation {name} not found.");

    private sealed class Builder(IWorkingDayCalendar calendar)
    {
        private readonly ConstantExpression _calendar = Expression.Constant(calendar, typeof(IWorkingDayCalendar));

        // Temporaries are declared once for the whole body rather than in nested blocks. And/or are plain calls
        // (both sides evaluated, no side effects): measured, branching on a temporary made conditions several times slower.
        private readonly List<ParameterExpression> _temporaries = [];

        public Expression BuildBody(BoundNode node)
        {
            var body = Build(node);
            return _temporaries.Count == 0 ? body : Expression.Block(body.Type, _temporaries, body);
        }

        private ParameterExpression Temporary(Type type)
        {
            var variable = Expression.Variable(type, "t" + _temporaries.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            _temporaries.Add(variable);
            return variable;
        }

        public Expression Build(BoundNode node) => node switch
        {
            BoundLiteral literal => Literal(literal),
            BoundName name => Expression.Call(
                Method(
                    name.Type switch
                    {
                        ExprType.Number => nameof(Operations.ReadNumber),
                        ExprType.Date => nameof(Operations.ReadDate),
                        ExprType.Bool => nameof(Operations.ReadBool),
                        _ => nameof(Operations.ReadText),
                    },
                    typeof(Value[]),
                    typeof(int)),
                Values,
                Expression.Constant(name.Name.Slot)),
            BoundUnary unary => Call(unary.Operator == BoundOperator.Not ? nameof(Operations.Not) : nameof(Operations.Negate), Build(unary.Operand)),
            BoundBinary binary => Binary(binary),
            BoundCall call => Function(call),
            _ => throw new InvalidOperationException($"Unexpected node {node.GetType().Name}."),
        };

        private static Expression Literal(BoundLiteral literal) => literal.Type switch
        {
            ExprType.Number or ExprType.Date => NullableConstant(literal.Value.RawNumber),
            ExprType.Bool => NullableConstant(literal.Value.Bool),
            _ => Expression.Constant(literal.Value.RawText, typeof(string)),
        };

        /// <summary>
        /// A nullable constant built in place (<c>new double?(4)</c>): a boxed nullable constant would be kept in the
        /// closure and unboxed on every call.
        /// </summary>
        private static UnaryExpression NullableConstant<T>(T value)
            where T : struct => Expression.Convert(Expression.Constant(value, typeof(T)), typeof(T?));

        private Expression Binary(BoundBinary node)
        {
            var left = Build(node.Left);
            var right = Build(node.Right);

            var operandType = node.Left.Type;
            var name = node.Operator switch
            {
                BoundOperator.And => nameof(Operations.And),
                BoundOperator.Or => nameof(Operations.Or),
                BoundOperator.Add => nameof(Operations.Add),
                BoundOperator.Subtract => nameof(Operations.Subtract),
                BoundOperator.Multiply => nameof(Operations.Multiply),
                BoundOperator.Divide => nameof(Operations.Divide),
                BoundOperator.AddDays => nameof(Operations.AddDays),
                BoundOperator.SubtractDays => nameof(Operations.SubtractDays),
                BoundOperator.Less => nameof(Operations.Less),
                BoundOperator.LessOrEqual => nameof(Operations.LessOrEqual),
                BoundOperator.Greater => nameof(Operations.Greater),
                BoundOperator.GreaterOrEqual => nameof(Operations.GreaterOrEqual),
                BoundOperator.Equal => operandType switch
                {
                    ExprType.Text => nameof(Operations.TextEqual),
                    ExprType.Bool => nameof(Operations.BoolEqual),
                    _ => nameof(Operations.NumberEqual),
                },
                BoundOperator.NotEqual => operandType switch
                {
                    ExprType.Text => nameof(Operations.TextNotEqual),
                    ExprType.Bool => nameof(Operations.BoolNotEqual),
                    _ => nameof(Operations.NumberNotEqual),
                },
                _ => throw new InvalidOperationException($"Unexpected operator {node.Operator}."),
            };
            return Call(name, left, right);
        }

        private Expression Function(BoundCall node)
        {
            var args = node.Arguments;
            switch (node.Function)
            {
                case FunctionKind.IsBlank:
                    return Expression.Convert(Call(nameof(Operations.IsBlank), Build(args[0])), typeof(bool?));
                case FunctionKind.Coalesce:
                    return Expression.Coalesce(Build(args[0]), Build(args[1]));
                case FunctionKind.DaysBetween:
                    return Call(nameof(Operations.DaysBetween), Build(args[0]), Build(args[1]));
                case FunctionKind.WorkingDaysBetween:
                    return Expression.Call(
                        Method(nameof(Operations.WorkingDaysBetween), typeof(IWorkingDayCalendar), typeof(double?), typeof(double?)),
                        _calendar,
                        Build(args[0]),
                        Build(args[1]));
                case FunctionKind.Lower:
                    return Call(nameof(Operations.Lower), Build(args[0]));
                case FunctionKind.Contains:
                    return Call(nameof(Operations.Contains), Build(args[0]), Build(args[1]));
                case FunctionKind.Length:
                    return Call(nameof(Operations.Length), Build(args[0]));
                case FunctionKind.Min:
                    return Call(nameof(Operations.Min), Build(args[0]), Build(args[1]));
                case FunctionKind.Max:
                    return Call(nameof(Operations.Max), Build(args[0]), Build(args[1]));
                case FunctionKind.If:
                {
                    var type = ClrType(node.Type);
                    var condition = Temporary(typeof(bool?));
                    return Expression.Condition(
                        Call(nameof(Operations.IsTrue), Expression.Assign(condition, Build(args[0]))),
                        Build(args[1]),
                        Expression.Condition(Call(nameof(Operations.IsFalse), condition), Build(args[2]), Expression.Default(type), type),
                        type);
                }

                default:
                    throw new InvalidOperationException($"Unexpected function {node.Function}.");
            }
        }

        private static MethodCallExpression Call(string name, params Expression[] arguments) =>
            Expression.Call(Method(name, [.. arguments.Select(a => a.Type)]), arguments);
    }
}
