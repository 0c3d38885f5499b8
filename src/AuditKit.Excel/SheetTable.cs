using AuditKit.Text;
using OfficeOpenXml;
using OfficeOpenXml.Style;

namespace AuditKit.Excel;

/// <summary>Writes a table of headings and rows the way every workbook sheet shows them.</summary>
internal static class SheetTable
{
    /// <summary>How much wider bold text is than regular.</summary>
    public const double Bold = 1.08;

    /// <summary>
    /// Bold, wrapped headings on a light fill, with the given column widths (AutoFit needs GDI+, so widths are set by
    /// hand), and the row as tall as its longest heading needs.
    /// </summary>
    public static void Headings(ExcelWorksheet sheet, int row, IReadOnlyList<string> headings, IReadOnlyList<double> widths)
    {
        var lines = 1;
        for (var i = 0; i < headings.Count; i++)
        {
            CellText.SetText(sheet.Cells[row, i + 1], headings[i]);
            var width = widths[Math.Min(i, widths.Count - 1)];
            sheet.Column(i + 1).Width = width;
            lines = Math.Max(lines, TextMeasure.Lines(headings[i], width, Bold));
        }

        var range = sheet.Cells[row, 1, row, headings.Count];
        range.Style.Font.Bold = true;
        range.Style.WrapText = true;
        range.Style.VerticalAlignment = ExcelVerticalAlignment.Top;
        ExcelLook.Fill(range, ExcelLook.HeadingFill);
        if (lines > 1)
        {
            sheet.Row(row).Height = TextMeasure.Height(lines);
        }
    }

    /// <summary>
    /// Loads rows in one call. Text is cleaned and stays text; text Excel would read as a formula when edited
    /// (= + - @) gets a quote prefix. The columns in <paramref name="wrapped"/> (1-based) wrap their text, each row is
    /// made as tall as its longest text needs, and the table's cells sit at the top of their rows. Returns the last
    /// row written (firstRow - 1 when there are none).
    /// </summary>
    public static int Load(ExcelWorksheet sheet, int firstRow, IReadOnlyList<object?[]> rows, params ReadOnlySpan<int> wrapped)
    {
        if (rows.Count == 0)
        {
            return firstRow - 1;
        }

        // Styled by column before the rows are loaded, so that each new cell takes the column's style: far quicker than
        // styling hundreds of thousands of cells one by one.
        var widths = new double[wrapped.Length];
        if (wrapped.Length > 0)
        {
            var columns = rows.Max(r => r.Length);
            for (var c = 1; c <= columns; c++)
            {
                sheet.Column(c).Style.VerticalAlignment = ExcelVerticalAlignment.Top;
            }

            for (var w = 0; w < wrapped.Length; w++)
            {
                widths[w] = sheet.Column(wrapped[w]).Width;
                sheet.Column(wrapped[w]).Style.WrapText = true;
            }
        }

        List<(int Row, int Column)>? quoted = null;
        List<(int Row, int Lines)>? tall = null;
        for (var r = 0; r < rows.Count; r++)
        {
            var values = rows[r];
            for (var c = 0; c < values.Length; c++)
            {
                if (values[c] is string text)
                {
                    values[c] = text.Length == 0 ? null : CellText.Clean(text);
                    if (SpreadsheetSafety.LooksLikeFormula(text))
                    {
                        (quoted ??= []).Add((firstRow + r, c + 1));
                    }
                }
            }

            var lines = 1;
            for (var w = 0; w < wrapped.Length; w++)
            {
                if (wrapped[w] - 1 < values.Length && values[wrapped[w] - 1] is string text)
                {
                    lines = Math.Max(lines, TextMeasure.Lines(text, widths[w]));
                }
            }

            if (lines > 1)
            {
                (tall ??= []).Add((firstRow + r, lines));
            }
        }

        sheet.Cells[firstRow, 1].LoadFromArrays(rows);
        if (quoted is not null)
        {
            foreach (var (row, column) in quoted)
            {
                sheet.Cells[row, column].Style.QuotePrefix = true;
            }
        }

        foreach (var (row, lines) in tall ?? [])
        {
            sheet.Row(row).Height = TextMeasure.Height(lines);
        }

        return firstRow + rows.Count - 1;
    }

    /// <summary>Freezes the rows down to the headings (and the first columns) and turns on the filter over the table.</summary>
    public static void Finish(ExcelWorksheet sheet, int headingRow, int lastRow, int columns, int frozenColumns = 0)
    {
        sheet.View.FreezePanes(headingRow + 1, frozenColumns + 1);
        sheet.Cells[headingRow, 1, Math.Max(headingRow, lastRow), columns].AutoFilter = true;
    }

    public static DateTime Date(DateOnly date) => date.ToDateTime(TimeOnly.MinValue);
}
