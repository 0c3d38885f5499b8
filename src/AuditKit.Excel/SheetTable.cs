using AuditKit.Text;
using OfficeOpenXml;
using OfficeOpenXml.Style;

namespace AuditKit.Excel;

/// <summary>Writes a table of headings and rows the way every workbook sheet shows them.</summary>
internal static class SheetTable
{
    /// <summary>Bold headings on a light fill, with the given column widths (AutoFit needs GDI+, so widths are set by hand).</summary>
    public static void Headings(ExcelWorksheet sheet, int row, IReadOnlyList<string> headings, IReadOnlyList<double> widths)
    {
        for (var i = 0; i < headings.Count; i++)
        {
            CellText.SetText(sheet.Cells[row, i + 1], headings[i]);
            sheet.Column(i + 1).Width = widths[Math.Min(i, widths.Count - 1)];
        }

        var range = sheet.Cells[row, 1, row, headings.Count];
        range.Style.Font.Bold = true;
        range.Style.WrapText = true;
        range.Style.VerticalAlignment = ExcelVerticalAlignment.Top;
        ExcelLook.Fill(range, ExcelLook.HeadingFill);
    }

    /// <summary>
    /// Loads rows in one call. Text is cleaned and stays text; text Excel would read as a formula when edited
    /// (= + - @) gets a quote prefix. Returns the last row written (firstRow - 1 when there are none).
    /// </summary>
    public static int Load(ExcelWorksheet sheet, int firstRow, IReadOnlyList<object?[]> rows)
    {
        if (rows.Count == 0)
        {
            return firstRow - 1;
        }

        List<(int Row, int Column)>? quoted = null;
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
        }

        sheet.Cells[firstRow, 1].LoadFromArrays(rows);
        if (quoted is not null)
        {
            foreach (var (row, column) in quoted)
            {
                sheet.Cells[row, column].Style.QuotePrefix = true;
            }
        }

        return firstRow + rows.Count - 1;
    }

    /// <summary>
    /// Freezes the rows down to the headings (and the first columns), turns on the filter over the table, and prints
    /// the heading rows on every page.
    /// </summary>
    public static void Finish(ExcelWorksheet sheet, int headingRow, int lastRow, int columns, int frozenColumns = 0)
    {
        sheet.View.FreezePanes(headingRow + 1, frozenColumns + 1);
        sheet.Cells[headingRow, 1, Math.Max(headingRow, lastRow), columns].AutoFilter = true;
        sheet.PrinterSettings.RepeatRows = sheet.Cells[$"1:{headingRow}"];
    }

    /// <summary>Prints landscape on A4, one page wide and as many pages long as it takes.</summary>
    public static void SetUpPrinting(ExcelWorksheet sheet)
    {
        var printing = sheet.PrinterSettings;
        printing.Orientation = eOrientation.Landscape;
        printing.PaperSize = ePaperSize.A4;
        printing.FitToPage = true;
        printing.FitToWidth = 1;
        printing.FitToHeight = 0;
    }

    public static DateTime Date(DateOnly date) => date.ToDateTime(TimeOnly.MinValue);
}
