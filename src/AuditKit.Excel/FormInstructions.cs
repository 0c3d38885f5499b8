using System.Collections.Immutable;
using AuditKit.Templates;
using OfficeOpenXml;
using OfficeOpenXml.Style;

namespace AuditKit.Excel;

/// <summary>The Instructions sheet of the audit form: how to fill it in, every criterion with its guidance, and the facts.</summary>
internal static class FormInstructions
{
    public static void Write(ExcelWorksheet sheet, AuditTemplate template, ImmutableArray<FormColumn> columns)
    {
        // The id column holds the longest id on one line; the texts wrap.
        double[] widths = [TextMeasure.ColumnWidth(template.Criteria.Select(c => c.Id).Concat(template.Facts.Select(f => f.Id)), 16, 32), 22, 50, 60, 10, 10, 10, 24];
        for (var i = 0; i < widths.Length; i++)
        {
            sheet.Column(i + 1).Width = widths[i];
        }

        var row = 1;
        var title = sheet.Cells[row, 1];
        CellText.SetText(title, "How to fill in this audit form");
        title.Style.Font.Bold = true;
        title.Style.Font.Size = 14;
        row++;
        Paragraph(sheet, widths, row, $"{template.Title} ({template.Id}, version {template.Version}). Case types: {string.Join(", ", template.AppliesTo)}.");
        row += 2;

        var required = columns.Where(c => c.Input != FormInput.Answer && c.Input != FormInput.Comment && c.Required).Select(c => c.Heading);
        string[] steps =
        [
            $"1. On the {AuditFormWriter.AuditSheet} sheet, fill in one row per case audited, starting at row {AuditFormWriter.FirstDataRow}. Leave unused rows empty.",
            $"2. Always fill in: {string.Join(", ", required)}. Enter dates as dd/mm/yyyy.",
            "3. Answer each question with Yes, Partly, No or N/A from the drop-down. N/A means the question does not apply to this case.",
            "4. Use the Comment column beside a question to say what you found; comments go into the feedback for the case.",
            "5. Overall grade is your own judgement of the case; it is compared with the grade the audit rules give.",
            "6. Point at a question heading to read its guidance. Every question and its guidance is also listed below.",
            $"7. Do not change rows 1 to {AuditFormWriter.NameRow}: row {AuditFormWriter.NameRow} holds the column names the audit is read by. The sheet is protected without a password so that the headings are not changed by accident (Review > Unprotect Sheet).",
            "8. Save the workbook as .xlsx and return it for the audit run.",
        ];
        foreach (var step in steps)
        {
            Paragraph(sheet, widths, row, step);
            row++;
        }

        row++;
        row = Table(
            sheet,
            widths,
            row,
            "Questions",
            ["ID", "Section", "Question", "Guidance", "Critical", "Target", "Required", "Answered by"],
            template.Criteria.Select(c => new object?[]
            {
                c.Id,
                c.Section,
                c.Text,
                c.Guidance,
                c.Critical ? "Yes" : "No",
                c.Target,
                c.Required ? "Yes" : "No",
                c.TakesAnswer() ? "Auditor" : "Worked out from the facts",
            }),
            percentColumn: 6);

        if (!template.Facts.IsEmpty)
        {
            row++;
            Table(
                sheet,
                widths,
                row,
                "Facts from the case file",
                ["ID", "Heading", "Type", "Allowed values", "Guidance", "Required"],
                template.Facts.Select(f => new object?[]
                {
                    f.Id,
                    f.Label ?? f.Id,
                    FactTypeName(f.Type),
                    f.Choices.IsEmpty ? null : string.Join("; ", f.Choices),
                    f.Guidance,
                    f.Required ? "Yes" : "No",
                }),
                percentColumn: 0);
        }

        sheet.View.FreezePanes(2, 1);
        sheet.Protection.IsProtected = true;
        sheet.Protection.AllowFormatColumns = true;
        sheet.Protection.AllowFormatRows = true;
        sheet.Protection.AllowSelectLockedCells = true;
        sheet.Protection.AllowSelectUnlockedCells = true;
    }

    /// <summary>A line of text across the sheet's columns, wrapped within them (so it prints whole) and the row made tall enough.</summary>
    private static void Paragraph(ExcelWorksheet sheet, double[] widths, int row, string text)
    {
        CellText.SetText(sheet.Cells[row, 1], text);
        var cells = sheet.Cells[row, 1, row, widths.Length];
        cells.Merge = true;
        cells.Style.WrapText = true;
        cells.Style.VerticalAlignment = ExcelVerticalAlignment.Top;
        var lines = TextMeasure.Lines(text, widths.Sum());
        if (lines > 1)
        {
            sheet.Row(row).Height = TextMeasure.Height(lines);
        }
    }

    private static int Table(ExcelWorksheet sheet, double[] widths, int row, string caption, string[] headings, IEnumerable<object?[]> rows, int percentColumn)
    {
        var captionCell = sheet.Cells[row, 1];
        CellText.SetText(captionCell, caption);
        captionCell.Style.Font.Bold = true;
        captionCell.Style.Font.Size = 12;
        row++;
        for (var i = 0; i < headings.Length; i++)
        {
            CellText.SetText(sheet.Cells[row, i + 1], headings[i]);
        }

        var head = sheet.Cells[row, 1, row, headings.Length];
        head.Style.Font.Bold = true;
        ExcelLook.Fill(head, ExcelLook.HeadingFill);
        ExcelLook.ThinBorders(head);
        row++;
        var first = row;
        foreach (var values in rows)
        {
            var lines = 1;
            for (var i = 0; i < values.Length; i++)
            {
                var cell = sheet.Cells[row, i + 1];
                if (values[i] is string text)
                {
                    CellText.SetText(cell, text);
                    lines = Math.Max(lines, TextMeasure.Lines(text, widths[i]));
                }
                else
                {
                    cell.Value = values[i];
                }
            }

            if (lines > 1)
            {
                sheet.Row(row).Height = TextMeasure.Height(lines);
            }

            row++;
        }

        if (row > first)
        {
            var body = sheet.Cells[first, 1, row - 1, headings.Length];
            body.Style.WrapText = true;
            body.Style.VerticalAlignment = ExcelVerticalAlignment.Top;
            ExcelLook.ThinBorders(body);
            if (percentColumn > 0)
            {
                sheet.Cells[first, percentColumn, row - 1, percentColumn].Style.Numberformat.Format = ExcelLook.PercentFormat;
            }
        }

        return row;
    }

    private static string FactTypeName(FactType type) => type switch
    {
        FactType.Number => "number",
        FactType.Date => "date (dd/mm/yyyy)",
        FactType.Bool => "true or false",
        FactType.Choice => "one of the allowed values",
        _ => "text",
    };
}
