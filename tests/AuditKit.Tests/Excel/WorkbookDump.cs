using System.Globalization;
using System.Text;
using System.Xml;
using OfficeOpenXml;
using OfficeOpenXml.DataValidation.Contracts;
using OfficeOpenXml.Style;

namespace AuditKit.Tests.Excel;

/// <summary>
/// A text picture of a workbook for snapshot tests (never the .xlsx bytes): per sheet its visibility,
/// protection, frozen panes, filter, print set-up, merged cells, columns, rows of set height and validations, then
/// each non-empty cell as <c>Sheet!A1 | value | number format | fill | flags | comment</c> (flags: bold, italic, font
/// colour, wrap, alignment, indent, a dark left border, quote prefix, locked).
/// </summary>
internal static class WorkbookDump
{
    public static string Dump(byte[] xlsx)
    {
        using var package = new ExcelPackage(new MemoryStream(xlsx));
        return Dump(package);
    }

    public static string Dump(ExcelPackage package)
    {
        var text = new StringBuilder();
        var properties = package.Workbook.Properties;
        text.Append(CultureInfo.InvariantCulture, $"workbook: structure locked={package.Workbook.Protection.LockStructure}, title={Quote(properties.Title)}, author={Quote(properties.Author)}\n");
        for (var index = 0; index < package.Workbook.Worksheets.Count; index++)
        {
            DumpSheet(text, package.Workbook.Worksheets[index], index);
        }

        return text.ToString();
    }

    /// <summary>Every cell of every sheet that holds a formula, as <c>Sheet!A1</c>.</summary>
    public static IReadOnlyList<string> Formulas(byte[] xlsx)
    {
        using var package = new ExcelPackage(new MemoryStream(xlsx));
        var found = new List<string>();
        foreach (var sheet in package.Workbook.Worksheets)
        {
            if (sheet.Dimension is null)
            {
                continue;
            }

            foreach (var cell in sheet.Cells[sheet.Dimension.Address])
            {
                if (!string.IsNullOrEmpty(cell.Formula) || !string.IsNullOrEmpty(cell.FormulaR1C1))
                {
                    found.Add($"{sheet.Name}!{cell.Address}");
                }
            }
        }

        return found;
    }

    private static void DumpSheet(StringBuilder text, ExcelWorksheet sheet, int index)
    {
        text.Append(CultureInfo.InvariantCulture, $"\n== sheet {index}: {sheet.Name} ({sheet.Hidden})\n");
        var p = sheet.Protection;
        text.Append(p.IsProtected
            ? $"protection: on, select locked={p.AllowSelectLockedCells}, select unlocked={p.AllowSelectUnlockedCells}, format cells={p.AllowFormatCells}, format columns={p.AllowFormatColumns}, format rows={p.AllowFormatRows}, sort={p.AllowSort}, filter={p.AllowAutoFilter}\n"
            : "protection: off\n");
        text.Append("frozen: ").Append(Frozen(sheet)).Append('\n');
        text.Append("autofilter: ").Append(sheet.AutoFilterAddress?.Address ?? "none").Append('\n');
        text.Append("print: ").Append(Printing(sheet)).Append('\n');
        if (sheet.MergedCells.Count > 0)
        {
            text.Append("merged: ").Append(string.Join(", ", sheet.MergedCells.Where(m => m is not null))).Append('\n');
        }

        if (sheet.Dimension is null)
        {
            text.Append("(empty)\n");
            return;
        }

        for (var column = 1; column <= sheet.Dimension.End.Column; column++)
        {
            var c = sheet.Column(column);
            var style = c.Style;
            text.Append(CultureInfo.InvariantCulture, $"column {ExcelCellAddress.GetColumnLetter(column)}: width={c.Width:0.##} format={style.Numberformat.Format}");
            if (p.IsProtected && !style.Locked)
            {
                text.Append(" unlocked");
            }

            text.Append('\n');
        }

        var heights = Enumerable.Range(1, sheet.Dimension.End.Row)
            .Where(r => sheet.Row(r).CustomHeight)
            .Select(r => string.Create(CultureInfo.InvariantCulture, $"{r}={sheet.Row(r).Height:0.##}"))
            .ToList();
        if (heights.Count > 0)
        {
            text.Append("row heights: ").Append(string.Join(", ", heights)).Append('\n');
        }

        foreach (var validation in sheet.DataValidations.OrderBy(v => v.Address.Address, StringComparer.Ordinal))
        {
            text.Append("validation: ").Append(Validation(validation)).Append('\n');
        }

        var cells = sheet.Cells[sheet.Dimension.Address]
            .Where(c => c.Value is not null || c.Comment is not null || !string.IsNullOrEmpty(c.Formula))
            .OrderBy(c => c.Start.Row)
            .ThenBy(c => c.Start.Column)
            .ToList();
        foreach (var cell in cells)
        {
            text.Append(CultureInfo.InvariantCulture, $"{sheet.Name}!{cell.Address} | {Value(cell)} | {cell.Style.Numberformat.Format} | {Fill(cell.Style)}");
            var flags = Flags(cell, p.IsProtected);
            if (flags.Length > 0)
            {
                text.Append(" | ").Append(flags);
            }

            if (cell.Comment is not null)
            {
                text.Append(" | comment ").Append(Quote(cell.Comment.Text));
            }

            text.Append('\n');
        }
    }

    private static string Printing(ExcelWorksheet sheet)
    {
        var p = sheet.PrinterSettings;
        var header = sheet.HeaderFooter.OddHeader;
        var footer = sheet.HeaderFooter.OddFooter;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{p.Orientation} {p.PaperSize}, fit={p.FitToPage} {p.FitToWidth} wide x {p.FitToHeight} tall, order={p.PageOrder}, ")
            + $"repeat rows={p.RepeatRows?.Address ?? "none"}, repeat columns={p.RepeatColumns?.Address ?? "none"}, "
            + $"header={Quote(header.LeftAlignedText)}/{Quote(header.CenteredText)}/{Quote(header.RightAlignedText)}, footer={Quote(footer.CenteredText)}";
    }

    private static string Frozen(ExcelWorksheet sheet)
    {
        var panes = sheet.WorksheetXml.GetElementsByTagName("pane");
        if (panes.Count == 0 || panes[0] is not XmlElement pane || pane.GetAttribute("state") != "frozen")
        {
            return "none";
        }

        var rows = pane.GetAttribute("ySplit");
        var columns = pane.GetAttribute("xSplit");
        return $"rows={(rows.Length == 0 ? "0" : rows)} columns={(columns.Length == 0 ? "0" : columns)} top-left={pane.GetAttribute("topLeftCell")}";
    }

    private static string Validation(IExcelDataValidation validation)
    {
        var what = validation switch
        {
            IExcelDataValidationList list => list.Formula.ExcelFormula is { Length: > 0 } f
                ? "list =" + f
                : "list [" + string.Join(",", list.Formula.Values) + "]",
            IExcelDataValidationDateTime date => $"date {date.Operator} {date.Formula.Value:yyyy-MM-dd} {date.Formula2.Value:yyyy-MM-dd}",
            IExcelDataValidationDecimal number => string.Create(CultureInfo.InvariantCulture, $"decimal {number.Operator} {number.Formula.Value} {number.Formula2.Value}"),
            _ => validation.ValidationType.Type.ToString(),
        };
        return $"{validation.Address.Address} {what} blank={validation.AllowBlank} show-error={validation.ShowErrorMessage} title={Quote(validation.ErrorTitle)} error={Quote(validation.Error)}";
    }

    private static string Value(ExcelRangeBase cell)
    {
        if (!string.IsNullOrEmpty(cell.Formula))
        {
            return "FORMULA " + cell.Formula;
        }

        return cell.Value switch
        {
            null => "(none)",
            string s => Quote(s),
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            bool b => b ? "TRUE" : "FALSE",
            DateTime d => "date " + d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            var other => Convert.ToString(other, CultureInfo.InvariantCulture) + " (" + other.GetType().Name + ")",
        };
    }

    private static string Fill(ExcelStyle style) =>
        style.Fill.PatternType == ExcelFillStyle.Solid ? "fill " + style.Fill.BackgroundColor.Rgb : "-";

    private static string Flags(ExcelRangeBase cell, bool protectedSheet)
    {
        var style = cell.Style;
        var flags = new List<string>();
        if (style.Font.Bold)
        {
            flags.Add("bold");
        }

        if (style.Font.Italic)
        {
            flags.Add("italic");
        }

        if (!string.IsNullOrEmpty(style.Font.Color.Rgb))
        {
            flags.Add("font " + style.Font.Color.Rgb);
        }

        if (style.WrapText)
        {
            flags.Add("wrap");
        }

        if (style.HorizontalAlignment != ExcelHorizontalAlignment.General)
        {
            flags.Add(style.HorizontalAlignment.ToString().ToLowerInvariant());
        }

        if (style.VerticalAlignment != ExcelVerticalAlignment.Bottom)
        {
            flags.Add(style.VerticalAlignment.ToString().ToLowerInvariant());
        }

        if (style.Indent > 0)
        {
            flags.Add(string.Create(CultureInfo.InvariantCulture, $"indent {style.Indent}"));
        }

        // A left border other than the light grid of the form's cells (the line between the Summary's teams).
        if (style.Border.Left.Style != ExcelBorderStyle.None && style.Border.Left.Color.Rgb != "FFBFBFBF")
        {
            flags.Add("border-left");
        }

        if (style.QuotePrefix)
        {
            flags.Add("quote-prefix");
        }

        if (protectedSheet)
        {
            flags.Add(style.Locked ? "locked" : "unlocked");
        }

        return string.Join(" ", flags);
    }

    private static string Quote(string? text) =>
        text is null ? "(none)" : "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal) + "\"";
}
