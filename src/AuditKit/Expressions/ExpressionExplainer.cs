using AuditKit.Calendar;

namespace AuditKit.Expressions;

/// <summary>What evaluating one expression came to, with what it read.</summary>
/// <param name="Result">The value (missing when it depends on a blank or cannot be worked out).</param>
/// <param name="Read">Each name read, once, in the order first read, with its value.</param>
/// <param name="Blank">The names read whose values are blank.</param>
/// <param name="Notes">Why a result is missing besides blanks: "division by zero", "date out of range".</param>
/// <param name="DayCounts">Each count of days or working days worked out, once, in the order worked out.</param>
internal sealed record ExpressionTrace(
    Value Result,
    IReadOnlyList<KeyValuePair<string, Value>> Read,
    IReadOnlyList<string> Blank,
    IReadOnlyList<string> Notes,
    IReadOnlyList<DayCount> DayCounts);

/// <summary>
/// Evaluates a type-checked expression step by step, recording the names it reads. Used only to
/// explain a result (slow path); it follows the same <see cref="Operations"/> as compiled code.
/// </summary>
internal sealed class ExpressionExplainer
{
    private readonly IWorkingDayCalendar _calendar;
    private readonly Value[] _values;
    private readonly List<KeyValuePair<string, Value>> _read = [];
    private readonly List<string> _notes = [];
    private readonly List<DayCount> _dayCounts = [];
    private readonly Dictionary<BoundCall, int> _dayCountOf = new(ReferenceEqualityComparer.Instance);

    private ExpressionExplainer(IWorkingDayCalendar calendar, Value[] values)
    {
        _calendar = calendar;
        _values = values;
    }

    public static ExpressionTrace Explain(BoundNode node, Value[] values, IWorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(calendar);
        var explainer = new ExpressionExplainer(calendar, values);
        var result = explainer.Evaluate(node);
        var blank = explainer._read.Where(r => r.Value.IsMissing).Select(r => r.Key).ToList();
        return new ExpressionTrace(result, explainer._read, blank, explainer._notes, explainer._dayCounts);
    }

    private Value Evaluate(BoundNode node)
    {
        switch (node)
        {
            case BoundLiteral literal:
                return literal.Value;
            case BoundName name:
            {
                var value = _values[name.Name.Slot];
                if (!_read.Exists(r => r.Key == name.Name.Name))
                {
                    _read.Add(new(name.Name.Name, value));
                }

                return Typed(name.Type, value);
            }

            case BoundUnary unary:
            {
                var operand = Evaluate(unary.Operand);
                return unary.Operator == BoundOperator.Not
                    ? Operations.BoolToValue(Operations.Not(Bool(operand)))
                    : Operations.NumberToValue(Operations.Negate(Number(operand)));
            }

            case BoundBinary binary:
                return Binary(binary);
            case BoundCall call:
                return Call(call);
            default:
                throw new InvalidOperationException($"Unexpected node {node.GetType().Name}.");
        }
    }

    private Value Binary(BoundBinary node)
    {
        var left = Evaluate(node.Left);
        var right = Evaluate(node.Right);
        switch (node.Operator)
        {
            case BoundOperator.And:
                return Operations.BoolToValue(Operations.And(Bool(left), Bool(right)));
            case BoundOperator.Or:
                return Operations.BoolToValue(Operations.Or(Bool(left), Bool(right)));
            case BoundOperator.Add:
                return Operations.NumberToValue(Operations.Add(Number(left), Number(right)));
            case BoundOperator.Subtract:
                return Operations.NumberToValue(Operations.Subtract(Number(left), Number(right)));
            case BoundOperator.Multiply:
                return Operations.NumberToValue(Operations.Multiply(Number(left), Number(right)));
            case BoundOperator.Divide:
                if (!left.IsMissing && !right.IsMissing && right.RawNumber == 0)
                {
                    Note("division by zero");
                }

                return Operations.NumberToValue(Operations.Divide(Number(left), Number(right)));
            case BoundOperator.AddDays:
            case BoundOperator.SubtractDays:
            {
                var moved = node.Operator == BoundOperator.AddDays
                    ? Operations.AddDays(Number(left), Number(right))
                    : Operations.SubtractDays(Number(left), Number(right));
                if (moved is null && !left.IsMissing && !right.IsMissing)
                {
                    Note("date out of range");
                }

                return Operations.DateToValue(moved);
            }

            case BoundOperator.Less or BoundOperator.LessOrEqual or BoundOperator.Greater or BoundOperator.GreaterOrEqual
                when node.Left is BoundCall call && _dayCountOf.TryGetValue(call, out var counted) && !right.IsMissing && _dayCounts[counted].Limit is null:
                _dayCounts[counted] = _dayCounts[counted] with { Limit = right.RawNumber };
                return Compare(node.Operator, left, right);
            case BoundOperator.Less:
                return Operations.BoolToValue(Operations.Less(Number(left), Number(right)));
            case BoundOperator.LessOrEqual:
                return Operations.BoolToValue(Operations.LessOrEqual(Number(left), Number(right)));
            case BoundOperator.Greater:
                return Operations.BoolToValue(Operations.Greater(Number(left), Number(right)));
            case BoundOperator.GreaterOrEqual:
                return Operations.BoolToValue(Operations.GreaterOrEqual(Number(left), Number(right)));
            case BoundOperator.Equal:
            case BoundOperator.NotEqual:
            {
                var equal = node.Left.Type switch
                {
                    ExprType.Text => Operations.TextEqual(Text(left), Text(right)),
                    ExprType.Bool => Operations.BoolEqual(Bool(left), Bool(right)),
                    _ => Operations.NumberEqual(Number(left), Number(right)),
                };
                return Operations.BoolToValue(node.Operator == BoundOperator.Equal ? equal : Operations.Not(equal));
            }

            default:
                throw new InvalidOperationException($"Unexpected operator {node.Operator}.");
        }
    }

    private static Value Compare(BoundOperator op, Value left, Value right) => op switch
    {
        BoundOperator.Less => Operations.BoolToValue(Operations.Less(Number(left), Number(right))),
        BoundOperator.LessOrEqual => Operations.BoolToValue(Operations.LessOrEqual(Number(left), Number(right))),
        BoundOperator.Greater => Operations.BoolToValue(Operations.Greater(Number(left), Number(right))),
        _ => Operations.BoolToValue(Operations.GreaterOrEqual(Number(left), Number(right))),
    };

    /// <summary>Records a count of days worked out from two dates (for explanations in plain words).</summary>
    private Value CountDays(BoundCall node, Value result, bool workingDays)
    {
        if (!result.IsMissing && !_dayCountOf.ContainsKey(node))
        {
            var count = new DayCount(workingDays, DateSource(node.Arguments[0]), DateSource(node.Arguments[1]), result.RawNumber, null);
            var existing = _dayCounts.FindIndex(c => c == count);
            if (existing < 0)
            {
                existing = _dayCounts.Count;
                _dayCounts.Add(count);
            }

            _dayCountOf.Add(node, existing);
        }

        return result;
    }

    /// <summary>The name whose date an argument used: a name, or the first filled-in name of a <c>coalesce</c>; null otherwise.</summary>
    private string? DateSource(BoundNode node) => node switch
    {
        BoundName name => name.Name.Name,
        BoundCall { Function: FunctionKind.Coalesce } call when call.Arguments[0] is BoundName first =>
            Typed(first.Type, _values[first.Name.Slot]).IsMissing ? DateSource(call.Arguments[1]) : first.Name.Name,
        _ => null,
    };

    private Value Call(BoundCall node)
    {
        var args = node.Arguments;
        if (node.Function == FunctionKind.If)
        {
            var condition = Bool(Evaluate(args[0]));
            return condition switch
            {
                true => Evaluate(args[1]),
                false => Evaluate(args[2]),
                null => Value.Missing,
            };
        }

        var a = Evaluate(args[0]);
        var b = args.Length > 1 ? Evaluate(args[1]) : Value.Missing;
        return node.Function switch
        {
            FunctionKind.IsBlank => Value.FromBool(a.IsMissing),
            FunctionKind.Coalesce => a.IsMissing ? b : a,
            FunctionKind.DaysBetween => CountDays(node, Operations.NumberToValue(Operations.DaysBetween(Number(a), Number(b))), workingDays: false),
            FunctionKind.WorkingDaysBetween => CountDays(node, Operations.NumberToValue(Operations.WorkingDaysBetween(_calendar, Number(a), Number(b))), workingDays: true),
            FunctionKind.Lower => Operations.TextToValue(Operations.Lower(Text(a))),
            FunctionKind.Contains => Operations.BoolToValue(Operations.Contains(Text(a), Text(b))),
            FunctionKind.Length => Operations.NumberToValue(Operations.Length(Text(a))),
            FunctionKind.Min => ToType(node.Type, Operations.Min(Number(a), Number(b))),
            FunctionKind.Max => ToType(node.Type, Operations.Max(Number(a), Number(b))),
            _ => throw new InvalidOperationException($"Unexpected function {node.Function}."),
        };
    }

    private void Note(string note)
    {
        if (!_notes.Contains(note))
        {
            _notes.Add(note);
        }
    }

    /// <summary>A slot's value as the type the name has; a value of another kind reads as missing.</summary>
    private static Value Typed(ExprType type, Value value) => type switch
    {
        ExprType.Number when value.Kind == ValueKind.Number => value,
        ExprType.Date when value.Kind == ValueKind.Date => value,
        ExprType.Text when value.Kind == ValueKind.Text => value,
        ExprType.Bool when value.Kind == ValueKind.Bool => value,
        _ => Value.Missing,
    };

    private static Value ToType(ExprType type, double? number) =>
        type == ExprType.Date ? Operations.DateToValue(number) : Operations.NumberToValue(number);

    private static double? Number(Value value) => value.IsMissing ? null : value.RawNumber;

    private static bool? Bool(Value value) => value.IsMissing ? null : value.RawNumber != 0;

    private static string? Text(Value value) => value.IsMissing ? null : value.RawText;
}

/// <summary>A count of days between two dates that a rule worked out, kept to explain the result in plain words.</summary>
/// <param name="WorkingDays">Working days (<c>working_days_between</c>) rather than calendar days (<c>days_between</c>).</param>
/// <param name="From">The name whose date the count started from (a fact id or <c>audit_date</c>), or null when it was worked out.</param>
/// <param name="To">The name whose date the count ran to, or null when it was worked out.</param>
/// <param name="Limit">The number the count was compared with (<c>&lt;=</c>, <c>&lt;</c>, <c>&gt;</c>, <c>&gt;=</c>), if it was.</param>
public sealed record DayCount(bool WorkingDays, string? From, string? To, double Days, double? Limit);
