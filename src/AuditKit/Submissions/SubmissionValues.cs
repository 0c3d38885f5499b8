using System.Globalization;

namespace AuditKit.Submissions;

/// <summary>
/// Parsing of submission cells: answers, dates, numbers and true/false. Allocation-free and without
/// exceptions, as it runs for every cell of every row.
/// </summary>
internal static class SubmissionValues
{
    public const string Yes = "Yes";
    public const string Partly = "Partly";
    public const string No = "No";
    public const string NotApplicable = "N/A";

    /// <summary>
    /// Normalises an answer (case-insensitive, trimmed): yes -> Yes; partly, partially -> Partly; no -> No;
    /// n/a, na -> N/A. Null for anything else.
    /// </summary>
    public static string? NormaliseAnswer(ReadOnlySpan<char> text)
    {
        var s = text.Trim();
        if (s.Equals("yes", StringComparison.OrdinalIgnoreCase))
        {
            return Yes;
        }

        if (s.Equals("no", StringComparison.OrdinalIgnoreCase))
        {
            return No;
        }

        if (s.Equals("partly", StringComparison.OrdinalIgnoreCase) || s.Equals("partially", StringComparison.OrdinalIgnoreCase))
        {
            return Partly;
        }

        if (s.Equals("n/a", StringComparison.OrdinalIgnoreCase) || s.Equals("na", StringComparison.OrdinalIgnoreCase))
        {
            return NotApplicable;
        }

        return null;
    }

    /// <summary>A number in invariant form: 12, 12.5, -3, 1e3. No thousands separators; finite only.</summary>
    public static bool TryParseNumber(ReadOnlySpan<char> text, out double number) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);

    /// <summary>true/false, yes/no, y/n, 1/0 (case-insensitive).</summary>
    public static bool TryParseBool(ReadOnlySpan<char> text, out bool value)
    {
        var s = text.Trim();
        if (s.Equals("true", StringComparison.OrdinalIgnoreCase) || s.Equals("yes", StringComparison.OrdinalIgnoreCase)
            || s.Equals("y", StringComparison.OrdinalIgnoreCase) || s.Equals("1", StringComparison.Ordinal))
        {
            value = true;
            return true;
        }

        if (s.Equals("false", StringComparison.OrdinalIgnoreCase) || s.Equals("no", StringComparison.OrdinalIgnoreCase)
            || s.Equals("n", StringComparison.OrdinalIgnoreCase) || s.Equals("0", StringComparison.Ordinal))
        {
            value = false;
            return true;
        }

        value = false;
        return false;
    }

    /// <summary>
    /// A date: ISO <c>2026-11-03</c> (also with a time after it, <c>2026-11-03T00:00:00</c>, as spreadsheets
    /// write; the date is taken) or UK day first <c>03/11/2026</c> / <c>3/11/2026</c> (also with a time after a
    /// space). Never month first: when the text fails as a day-first date but would be a month-first one
    /// (<c>11/25/2026</c>), <paramref name="looksMonthFirst"/> is set so the reason can say dates are day first.
    /// </summary>
    public static bool TryParseDate(ReadOnlySpan<char> text, out DateOnly date, out bool looksMonthFirst)
    {
        date = default;
        looksMonthFirst = false;
        var s = text.Trim();

        // ISO yyyy-MM-dd
        if (s.Length >= 10 && s[4] == '-' && s[7] == '-'
            && TryDigits(s[..4], out var isoYear) && TryDigits(s.Slice(5, 2), out var isoMonth) && TryDigits(s.Slice(8, 2), out var isoDay))
        {
            return (s.Length == 10 || IsTime(s[10..], allowT: true)) && TryMake(isoYear, isoMonth, isoDay, out date);
        }

        // d/M/yyyy
        var firstSlash = s.IndexOf('/');
        if (firstSlash is < 1 or > 2)
        {
            return false;
        }

        var rest = s[(firstSlash + 1)..];
        var secondSlash = rest.IndexOf('/');
        if (secondSlash is < 1 or > 2 || rest.Length < secondSlash + 5)
        {
            return false;
        }

        var yearPart = rest.Slice(secondSlash + 1, 4);
        var after = rest[(secondSlash + 5)..];
        if (!TryDigits(s[..firstSlash], out var first) || !TryDigits(rest[..secondSlash], out var second) || !TryDigits(yearPart, out var year)
            || !(after.IsEmpty || IsTime(after, allowT: false)))
        {
            return false;
        }

        if (TryMake(year, second, first, out date))
        {
            return true;
        }

        looksMonthFirst = second > 12 && TryMake(year, first, second, out _);
        return false;
    }

    private static bool TryMake(int year, int month, int day, out DateOnly date)
    {
        if (year is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month))
        {
            date = new DateOnly(year, month, day);
            return true;
        }

        date = default;
        return false;
    }

    /// <summary>A time after a date: ('T' or ' ') HH:mm[:ss[.fff]] [Z | +hh:mm | -hh:mm | +hhmm].</summary>
    private static bool IsTime(ReadOnlySpan<char> s, bool allowT)
    {
        if (s.Length < 6 || !(s[0] == ' ' || (allowT && (s[0] == 'T' || s[0] == 't'))))
        {
            return false;
        }

        s = s[1..];
        if (!IsClock(s[..5], 23))
        {
            return false;
        }

        s = s[5..];
        if (s.Length >= 3 && s[0] == ':')
        {
            if (!TryDigits(s.Slice(1, 2), out var seconds) || seconds > 59)
            {
                return false;
            }

            s = s[3..];
            if (s.Length >= 2 && s[0] == '.')
            {
                var digits = 1;
                while (digits < s.Length && char.IsAsciiDigit(s[digits]))
                {
                    digits++;
                }

                if (digits == 1)
                {
                    return false;
                }

                s = s[digits..];
            }
        }

        if (s.IsEmpty || (s.Length == 1 && (s[0] == 'Z' || s[0] == 'z')))
        {
            return true;
        }

        if (s[0] is '+' or '-')
        {
            var offset = s[1..];
            return (offset.Length == 5 && IsClock(offset, 14))
                || (offset.Length == 4 && TryDigits(offset[..2], out var h) && h <= 14 && TryDigits(offset[2..], out var m) && m <= 59);
        }

        return false;
    }

    /// <summary>hh:mm with hours up to <paramref name="maxHour"/>.</summary>
    private static bool IsClock(ReadOnlySpan<char> s, int maxHour) =>
        s.Length == 5 && s[2] == ':' && TryDigits(s[..2], out var hours) && hours <= maxHour && TryDigits(s[3..], out var minutes) && minutes <= 59;

    private static bool TryDigits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        if (s.IsEmpty)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
