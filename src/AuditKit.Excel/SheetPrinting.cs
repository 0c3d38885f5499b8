using OfficeOpenXml;

namespace AuditKit.Excel;

/// <summary>
/// How every sheet AuditKit writes prints: A4 landscape, as many pages wide as keep the text at a readable size (one
/// when it fits), the heading rows on every page (and the first columns on every page across), and the title, the
/// sheet's name and the page number in the page's header and footer.
/// </summary>
internal static class SheetPrinting
{
    /// <summary>The column-width units an A4 landscape page holds between its margins at 100%.</summary>
    internal const double PageWidth = 140;

    /// <summary>A sheet is shrunk to no less than this to fit a page's width; a wider one prints on more pages across.</summary>
    internal const double LeastScale = 0.6;

    private const int MaxHeaderText = 120;

    /// <param name="title">Printed at the top left of every page.</param>
    /// <param name="note">Printed at the top right of every page (for example the as-of date), or null.</param>
    /// <param name="headingRows">Rows 1 to this are printed at the top of every page (0: none).</param>
    /// <param name="repeatColumns">Columns A to this are printed on every page across, when there is more than one (0: none).</param>
    public static void SetUp(ExcelWorksheet sheet, string title, string? note, int headingRows, int repeatColumns)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        ArgumentNullException.ThrowIfNull(title);
        var printing = sheet.PrinterSettings;
        printing.Orientation = eOrientation.Landscape;
        printing.PaperSize = ePaperSize.A4;
        printing.LeftMargin = printing.RightMargin = 0.5m;
        printing.TopMargin = printing.BottomMargin = 0.75m;
        printing.HeaderMargin = printing.FooterMargin = 0.3m;
        printing.FitToPage = true;
        printing.FitToWidth = PagesAcross(sheet, repeatColumns);
        printing.FitToHeight = 0;
        printing.PageOrder = ePageOrder.OverThenDown;
        if (headingRows > 0)
        {
            printing.RepeatRows = sheet.Cells[$"1:{headingRows}"];
        }

        if (repeatColumns > 0 && printing.FitToWidth > 1)
        {
            printing.RepeatColumns = sheet.Cells[$"A:{ExcelLook.ColumnLetter(repeatColumns)}"];
        }

        var header = sheet.HeaderFooter.OddHeader;
        header.LeftAlignedText = HeaderText(title);
        header.CenteredText = HeaderText(sheet.Name);
        if (note is not null)
        {
            header.RightAlignedText = HeaderText(note);
        }

        sheet.HeaderFooter.OddFooter.CenteredText = "Page " + ExcelHeaderFooter.PageNumber + " of " + ExcelHeaderFooter.NumberOfPages;
    }

    /// <summary>Pages across: one when the used columns fit a page at <see cref="LeastScale"/>, else enough to keep that scale.</summary>
    internal static int PagesAcross(ExcelWorksheet sheet, int repeatColumns)
    {
        var columns = sheet.Dimension?.End.Column ?? 1;
        var total = 0d;
        var repeated = 0d;
        for (var c = 1; c <= columns; c++)
        {
            var width = sheet.Column(c).Width;
            total += width;
            if (c <= repeatColumns)
            {
                repeated += width;
            }
        }

        var page = PageWidth / LeastScale;
        if (total <= page)
        {
            return 1;
        }

        // Every page across also holds the repeated columns.
        var room = Math.Max(page / 2, page - repeated);
        return (int)Math.Ceiling((total - repeated) / room);
    }

    /// <summary>Text for a header: '&amp;' doubled (a single one starts a code), kept short.</summary>
    private static string HeaderText(string text)
    {
        var line = CellText.Clean(text).ReplaceLineEndings(" ");
        line = line.Length <= MaxHeaderText ? line : line[..(MaxHeaderText - 1)] + "\u2026";
        return line.Replace("&", "&&", StringComparison.Ordinal);
    }
}
