using System.Globalization;
using AuditKit.Calendar;

namespace AuditKit.Expressions;

public enum ValueKind : byte
{
    Missing,
    Number,
    Text,
    Bool,
    Date,
}

/// <summary>
/// A runtime value: a number, text, true/false, a date, or missing (a blank that a result depends on).
/// Dates are held as their day number (<see cref="DateOnly.DayNumber"/>) so that values stay small and unboxed.
/// </summary>
public readonly struct Value : IEquatable<Value>
{
    private readonly double _number;
    private readonly string? _text;

    private Value(ValueKind kind, double number, string? text)
    {
        Kind = kind;
        _number = number;
        _text = text;
    }

    public static Value Missing => default;

    public static Value True { get; } = new(ValueKind.Bool, 1, null);

    public static Value False { get; } = new(ValueKind.Bool, 0, null);

    public ValueKind Kind { get; }

    public bool IsMissing => Kind == ValueKind.Missing;

    public double Number => Kind == ValueKind.Number ? _number : throw WrongKind(ValueKind.Number);

    public string Text => Kind == ValueKind.Text ? _text! : throw WrongKind(ValueKind.Text);

    public bool Bool => Kind == ValueKind.Bool ? _number != 0 : throw WrongKind(ValueKind.Bool);

    public DateOnly Date => Kind == ValueKind.Date ? DateOnly.FromDayNumber((int)_number) : throw WrongKind(ValueKind.Date);

    /// <summary>The raw payload: the number, 1/0 for true/false, or the day number of a date.</summary>
    public double RawNumber => _number;

    /// <summary>The raw text payload, or null.</summary>
    public string? RawText => _text;

    public static Value FromNumber(double number) => new(ValueKind.Number, number, null);

    public static Value FromText(string? text) => text is null ? Missing : new(ValueKind.Text, 0, text);

    public static Value FromBool(bool value) => value ? True : False;

    public static Value FromDate(DateOnly date) => new(ValueKind.Date, date.DayNumber, null);

    public bool Equals(Value other) =>
        Kind == other.Kind && _number.Equals(other._number) && string.Equals(_text, other._text, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is Value other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Kind, _number, _text);

    public static bool operator ==(Value left, Value right) => left.Equals(right);

    public static bool operator !=(Value left, Value right) => !left.Equals(right);

    /// <summary>How the value is shown in explanations: <c>'Yes'</c>, <c>12</c>, <c>true</c>, <c>2026-11-03</c>, <c>blank</c>.</summary>
    public override string ToString() => Kind switch
    {
        ValueKind.Missing => "blank",
        ValueKind.Number => _number.ToString("0.####", CultureInfo.InvariantCulture),
        ValueKind.Text => $"'{_text}'",
        ValueKind.Bool => _number != 0 ? "true" : "false",
        ValueKind.Date => IsoDate.Format(Date),
        _ => "?",
    };

    private InvalidOperationException WrongKind(ValueKind wanted) =>
        new($"The value is {Kind}, not {wanted}.");
}
