using System.Runtime.CompilerServices;
using AuditKit.Calendar;

namespace AuditKit.Expressions;

/// <summary>
/// The meaning of every operator and function, shared by compiled expressions and by the explainer.
/// Numbers and dates are <c>double?</c> (a date as its day number), true/false is <c>bool?</c>, text is
/// <c>string?</c>; null is missing.
/// </summary>
internal static class Operations
{
    /// <summary>Numbers closer than this are equal, so that 0.1 + 0.2 = 0.3 and 4 / 5 >= 0.8 hold.</summary>
    public const double Tolerance = 1e-9;

    private static readonly int MinDay = DateOnly.MinValue.DayNumber;
    private static readonly int MaxDay = DateOnly.MaxValue.DayNumber;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double? ReadNumber(Value[] values, int slot)
    {
        ref readonly var value = ref values[slot];
        return value.Kind == ValueKind.Number ? value.RawNumber : null;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double? ReadDate(Value[] values, int slot)
    {
        ref readonly var value = ref values[slot];
        return value.Kind == ValueKind.Date ? value.RawNumber : null;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static string? ReadText(Value[] values, int slot)
    {
        ref readonly var value = ref values[slot];
        return value.Kind == ValueKind.Text ? value.RawText : null;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool? ReadBool(Value[] values, int slot)
    {
        ref readonly var value = ref values[slot];
        return value.Kind == ValueKind.Bool ? value.RawNumber != 0 : null;
    }

    public static bool? And(bool? a, bool? b) =>
        a == false || b == false ? false : (a == true && b == true ? true : null);

    public static bool? Or(bool? a, bool? b) =>
        a == true || b == true ? true : (a == false && b == false ? false : null);

    public static bool? Not(bool? a) => a.HasValue ? !a.Value : null;

    public static double? Negate(double? a) => a.HasValue ? -a.Value : null;

    public static double? Add(double? a, double? b) => a.HasValue && b.HasValue ? Finite(a.Value + b.Value) : null;

    public static double? Subtract(double? a, double? b) => a.HasValue && b.HasValue ? Finite(a.Value - b.Value) : null;

    public static double? Multiply(double? a, double? b) => a.HasValue && b.HasValue ? Finite(a.Value * b.Value) : null;

    /// <summary>Division by zero gives missing.</summary>
    public static double? Divide(double? a, double? b) =>
        a.HasValue && b.HasValue && b.Value != 0 ? Finite(a.Value / b.Value) : null;

    /// <summary>A date moved by whole days (a fraction of a day is dropped); missing when out of the calendar's range.</summary>
    public static double? AddDays(double? date, double? days) =>
        date.HasValue && days.HasValue ? Day(date.Value + Math.Truncate(days.Value)) : null;

    public static double? SubtractDays(double? date, double? days) =>
        date.HasValue && days.HasValue ? Day(date.Value - Math.Truncate(days.Value)) : null;

    public static bool? NumberEqual(double? a, double? b) =>
        a.HasValue && b.HasValue ? Math.Abs(a.Value - b.Value) <= Tolerance : null;

    public static bool? NumberNotEqual(double? a, double? b) =>
        a.HasValue && b.HasValue ? Math.Abs(a.Value - b.Value) > Tolerance : null;

    public static bool? Less(double? a, double? b) => a.HasValue && b.HasValue ? a.Value < b.Value - Tolerance : null;

    public static bool? LessOrEqual(double? a, double? b) => a.HasValue && b.HasValue ? a.Value <= b.Value + Tolerance : null;

    public static bool? Greater(double? a, double? b) => a.HasValue && b.HasValue ? a.Value > b.Value + Tolerance : null;

    public static bool? GreaterOrEqual(double? a, double? b) => a.HasValue && b.HasValue ? a.Value >= b.Value - Tolerance : null;

    /// <summary>Text is compared ignoring case (ordinal), so 'yes' = 'Yes'.</summary>
    public static bool? TextEqual(string? a, string? b) =>
        a is not null && b is not null ? string.Equals(a, b, StringComparison.OrdinalIgnoreCase) : null;

    public static bool? TextNotEqual(string? a, string? b) =>
        a is not null && b is not null ? !string.Equals(a, b, StringComparison.OrdinalIgnoreCase) : null;

    public static bool? BoolEqual(bool? a, bool? b) => a.HasValue && b.HasValue ? a.Value == b.Value : null;

    public static bool? BoolNotEqual(bool? a, bool? b) => a.HasValue && b.HasValue ? a.Value != b.Value : null;

    public static bool IsBlank(double? a) => !a.HasValue;

    public static bool IsBlank(bool? a) => !a.HasValue;

    public static bool IsBlank(string? a) => a is null;

    /// <summary>d2 - d1 in days.</summary>
    public static double? DaysBetween(double? d1, double? d2) => d1.HasValue && d2.HasValue ? d2.Value - d1.Value : null;

    public static double? WorkingDaysBetween(IWorkingDayCalendar calendar, double? d1, double? d2) =>
        d1.HasValue && d2.HasValue
            ? calendar.WorkingDaysBetween(DateOnly.FromDayNumber((int)d1.Value), DateOnly.FromDayNumber((int)d2.Value))
            : null;

    public static string? Lower(string? text) => text?.ToLowerInvariant();

    public static bool? Contains(string? text, string? part) =>
        text is not null && part is not null ? text.Contains(part, StringComparison.OrdinalIgnoreCase) : null;

    public static double? Length(string? text) => text?.Length;

    public static double? Min(double? a, double? b) => a.HasValue && b.HasValue ? Math.Min(a.Value, b.Value) : null;

    public static double? Max(double? a, double? b) => a.HasValue && b.HasValue ? Math.Max(a.Value, b.Value) : null;

    public static bool IsTrue(bool? a) => a == true;

    public static bool IsFalse(bool? a) => a == false;

    public static Value NumberToValue(double? number) => number.HasValue ? Value.FromNumber(number.Value) : Value.Missing;

    public static Value DateToValue(double? day) => day.HasValue ? Value.FromDate(DateOnly.FromDayNumber((int)day.Value)) : Value.Missing;

    public static Value BoolToValue(bool? value) => value.HasValue ? Value.FromBool(value.Value) : Value.Missing;

    public static Value TextToValue(string? text) => Value.FromText(text);

    private static double? Finite(double x) => double.IsFinite(x) ? x : null;

    private static double? Day(double day) => day >= MinDay && day <= MaxDay ? day : null;
}
