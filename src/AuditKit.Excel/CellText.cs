using System.Globalization;
using AuditKit.Calendar;
using AuditKit.Text;
using OfficeOpenXml;

namespace AuditKit.Excel;

/// <summary>Turns stored cell values into the text a <see cref="Submissions.RawRecord"/> holds, and cleans text before it is written.</summary>
internal static class CellText
{
    /// <summary>Excel's limit on the characters of one cell.</summary>
    public const int MaxCellLength = 32_767;

    private static readonly HashSet<int> BuiltInDateFormats = [14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58];

    /// <summary>
    /// The text of one stored value: text trimmed (blank is null), numbers in invariant form to Excel's 15
    /// significant digits without an exponent, date-formatted numbers and dates as <c>yyyy-MM-dd</c>,
    /// booleans as <c>true</c>/<c>false</c>, error values as Excel shows them (<c>#N/A</c>).
    /// </summary>
    public static string? From(object? value, bool dateFormatted)
    {
        switch (value)
        {
            case null:
                return null;
            case string s:
                return Blank(s);
            case bool b:
                return b ? "true" : "false";
            case DateTime d:
                return IsoDate.Format(DateOnly.FromDateTime(d));
            case DateOnly d:
                return IsoDate.Format(d);
            case double or float or decimal or int or long or short or byte or uint or ulong or ushort or sbyte:
                var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                return dateFormatted && number is >= 0 and < 2_958_466
                    ? IsoDate.Format(DateOnly.FromDateTime(DateTime.FromOADate(number)))
                    : Number(number);
            default:
                return Blank(Convert.ToString(value, CultureInfo.InvariantCulture));
        }
    }

    /// <summary>12 -> "12", 12.5 -> "12.5", 1E-07 -> "0.0000001"; rounded to 15 significant digits as Excel shows numbers.</summary>
    public static string Number(double number)
    {
        if (double.IsNaN(number) || double.IsInfinity(number))
        {
            return number.ToString(CultureInfo.InvariantCulture);
        }

        if (Math.Abs(number) < 1e15 && number == Math.Floor(number))
        {
            return ((long)number).ToString(CultureInfo.InvariantCulture);
        }

        var text = number.ToString("G15", CultureInfo.InvariantCulture);
        if (!text.Contains('E', StringComparison.Ordinal))
        {
            return text;
        }

        var magnitude = Math.Abs(number);
        return magnitude is > 1e-20 and < 7.9e28
            ? decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)
            : text;
    }

    /// <summary>True when a number format (by id and code) shows a date, so the number is a date serial.</summary>
    public static bool IsDateFormat(int formatId, string? format)
    {
        if (BuiltInDateFormats.Contains(formatId))
        {
            return true;
        }

        if (string.IsNullOrEmpty(format) || format.Equals("General", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var hasMonthOrMinute = false;
        var hasTime = false;
        var hasDigits = false;
        var i = 0;
        while (i < format.Length)
        {
            var c = format[i];
            switch (c)
            {
                case ';':
                    i = format.Length;
                    continue;
                case '"':
                    var close = format.IndexOf('"', i + 1);
                    i = close < 0 ? format.Length : close + 1;
                    continue;
                case '[':
                    var end = format.IndexOf(']', i + 1);
                    i = end < 0 ? format.Length : end + 1;
                    continue;
                case '\\' or '_' or '*':
                    i += 2;
                    continue;
            }

            switch (char.ToLowerInvariant(c))
            {
                case 'd' or 'y':
                    return true;
                case 'm':
                    hasMonthOrMinute = true;
                    break;
                case 'h' or 's':
                    hasTime = true;
                    break;
                case '0' or '#' or '?':
                    hasDigits = true;
                    break;
            }

            i++;
        }

        return hasMonthOrMinute && !hasTime && !hasDigits;
    }

    /// <summary>
    /// Text safe to store in a cell: characters XML cannot hold become U+FFFD, and text over Excel's cell limit is cut.
    /// </summary>
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var clean = true;
        foreach (var c in text)
        {
            if (!IsXmlChar(c))
            {
                clean = false;
                break;
            }
        }

        if (!clean)
        {
            var chars = text.ToCharArray();
            for (var i = 0; i < chars.Length; i++)
            {
                if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
                {
                    i++;
                    continue;
                }

                if (!IsXmlChar(chars[i]) || char.IsSurrogate(chars[i]))
                {
                    chars[i] = '\uFFFD';
                }
            }

            text = new string(chars);
        }

        return text.Length > MaxCellLength ? text[..MaxCellLength] : text;
    }

    /// <summary>
    /// Writes user text as a text value (never a formula). Text that Excel would read as a formula if the cell
    /// were edited (starting with = + - @) is marked with a quote prefix, so it stays text.
    /// </summary>
    public static void SetText(ExcelRange cell, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            cell.Value = null;
            return;
        }

        cell.Value = Clean(text);
        if (SpreadsheetSafety.LooksLikeFormula(text))
        {
            cell.Style.QuotePrefix = true;
        }
    }

    private static string? Blank(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var trimmed = text.Trim();
        return trimmed.Length == 0 ? null : trimmed;
    }

    private static bool IsXmlChar(char c) => c >= 0x20 ? c is not ('\uFFFE' or '\uFFFF') : c is '\t' or '\n' or '\r';
}
