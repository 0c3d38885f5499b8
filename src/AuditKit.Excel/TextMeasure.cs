namespace AuditKit.Excel;

/// <summary>
/// Row heights for wrapped text, and column widths for text that should not wrap. EPPlus 4 cannot fit a row to its text (that needs the font's glyphs), Excel fits rows
/// only when a cell is edited, and LibreOffice prints wrapped text over the rows below a row left at the default
/// height; so the lines a text wraps to are worked out here from its characters and the column width.
/// </summary>
/// <remarks>
/// A column width is measured in widths of the digit 0 of the workbook font (Calibri 11). Each character is given a
/// width a little above its width in that font (prose averages about 0.86 of a digit, spaces included, as LibreOffice
/// lays out Calibri's metric twin Carlito; it is counted here as about 0.92), and words are wrapped as Excel wraps
/// them, so the estimate errs towards a line too many rather than text cut off.
/// </remarks>
internal static class TextMeasure
{
    /// <summary>The height of one line of Calibri 11, in points.</summary>
    public const double LineHeight = 15;

    /// <summary>The widest character's width (wide CJK characters aside): text this short never wraps.</summary>
    private const double WidestCharacter = 2.0;

    /// <summary>Excel's tallest row, in points.</summary>
    public const double MaxHeight = 409;

    /// <summary>The lines <paramref name="text"/> takes in a column <paramref name="columnWidth"/> wide.</summary>
    /// <param name="scale">How much wider the font is than Calibri 11 (1.08 for bold, 14/11 for 14 point).</param>
    public static int Lines(string? text, double columnWidth, double scale = 1)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 1;
        }

        // The cell's padding takes about a character's width.
        var room = Math.Max(1, (columnWidth - 1) / scale);
        if (text.Length * WidestCharacter <= room && !text.Contains('\n', StringComparison.Ordinal))
        {
            return 1;
        }

        var lines = 0;
        var start = 0;
        while (true)
        {
            var end = text.IndexOf('\n', start);
            lines += ParagraphLines(text.AsSpan(start, (end < 0 ? text.Length : end) - start), room);
            if (end < 0)
            {
                return Math.Max(1, lines);
            }

            start = end + 1;
        }
    }

    /// <summary>The column width that holds <paramref name="text"/> on one line (its padding included).</summary>
    public static double Width(string? text, double scale = 1)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        var width = 0d;
        foreach (var c in text)
        {
            width += Width(c);
        }

        return (width * scale) + 1;
    }

    /// <summary>A column width for <paramref name="values"/>: the widest, kept from <paramref name="least"/> to <paramref name="most"/>.</summary>
    public static double ColumnWidth(IEnumerable<string?> values, double least, double most)
    {
        ArgumentNullException.ThrowIfNull(values);
        var widest = least;
        foreach (var value in values)
        {
            widest = Math.Max(widest, Width(value));
            if (widest >= most)
            {
                return most;
            }
        }

        return Math.Ceiling(widest);
    }

    /// <summary>The height for rows of <paramref name="lines"/> lines (at least one) of text <paramref name="scale"/> times Calibri 11.</summary>
    public static double Height(int lines, double scale = 1) => Math.Min(MaxHeight, Math.Max(1, lines) * LineHeight * Math.Max(1, scale));

    private static int ParagraphLines(ReadOnlySpan<char> paragraph, double room)
    {
        var lines = 1;
        var used = 0d;
        var i = 0;
        while (i < paragraph.Length)
        {
            // One word and the spaces after it.
            var start = i;
            var word = 0d;
            while (i < paragraph.Length && paragraph[i] != ' ')
            {
                word += Width(paragraph[i]);
                i++;
            }

            var spaces = 0d;
            while (i < paragraph.Length && paragraph[i] == ' ')
            {
                spaces += Width(' ');
                i++;
            }

            if (i == start)
            {
                break;
            }

            if (used > 0 && used + word > room)
            {
                lines++;
                used = 0;
            }

            // A word longer than the column is broken between characters.
            while (word > room)
            {
                lines++;
                word -= room;
            }

            used += word + spaces;
        }

        return lines;
    }

    private static double Width(char c) => c switch
    {
        ' ' or 'i' or 'l' or 'j' or 'I' or '.' or ',' or ';' or ':' or '\'' or '!' or '|' => 0.5,
        'f' or 't' or 'r' or '(' or ')' or '-' or '/' => 0.7,
        'm' or 'w' or 'M' or 'W' or '@' or '%' => 1.55,
        >= 'A' and <= 'Z' => 1.15,
        >= '\u2E80' => 2.0,
        _ => 1.0,
    };
}
