using System.Globalization;

namespace AuditKit.Calendar;

/// <summary>Dates as AuditKit writes them everywhere (outputs, the store, messages): ISO <c>yyyy-MM-dd</c>.</summary>
public static class IsoDate
{
    public const string Pattern = "yyyy-MM-dd";

    public static string Format(DateOnly date) => date.ToString(Pattern, CultureInfo.InvariantCulture);

    /// <summary>Writes <paramref name="date"/> into the first 10 characters of <paramref name="destination"/>.</summary>
    public static void Format(DateOnly date, Span<char> destination)
    {
        if (!date.TryFormat(destination, out _, Pattern, CultureInfo.InvariantCulture))
        {
            throw new ArgumentException("The destination is shorter than a date.", nameof(destination));
        }
    }

    /// <summary>Reads an ISO date exactly (no times, no other forms).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out DateOnly date) =>
        DateOnly.TryParseExact(text, Pattern, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>Reads an ISO date that AuditKit wrote itself (from the store); anything else is a bug.</summary>
    public static DateOnly Parse(string text) => DateOnly.ParseExact(text, Pattern, CultureInfo.InvariantCulture);
}
