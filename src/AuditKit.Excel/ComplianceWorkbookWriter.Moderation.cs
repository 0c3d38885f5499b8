using AuditKit.Diagnostics;
using AuditKit.Moderation;
using AuditKit.Templates;
using OfficeOpenXml;

namespace AuditKit.Excel;

/// <summary>The Moderation sheet: agreement by criterion, then by first auditor, then first grades against moderated ones.</summary>
public sealed partial class ComplianceWorkbookWriter
{
    private static void WriteModeration(ExcelWorksheet sheet, AuditTemplate template, AgreementReport agreement, PrintTitle print)
    {
        string[] headings = ["ID", "Criterion", "Pairs", "Agreement", "Kappa", "Kappa 95% low", "Kappa 95% high", "Weighted kappa", "PABAK", "Flag"];
        double[] widths = [TextMeasure.ColumnWidth(template.Criteria.Select(c => c.Id), 16, 32), 50, 9, 11, 9, 10, 10, 10, 9, 40];
        SheetTable.Headings(sheet, 1, headings, widths);
        var rows = new List<object?[]>();
        foreach (var c in agreement.Criteria)
        {
            var flag = c.Flagged
                ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Kappa below {agreement.Threshold:0.##}: {Messages.Moderation.Advice}.")
                : c.NoVariation ? "Kappa undefined: no variation (both auditors gave every case one outcome); read the agreement and PABAK." : null;
            rows.Add([c.Id, c.Text, c.Pairs, c.Agreement, c.Kappa?.Value, c.Kappa?.Low, c.Kappa?.High, c.WeightedKappa, c.Pabak, flag]);
        }

        var lastRow = SheetTable.Load(sheet, 2, rows, 2, 10);
        if (lastRow >= 2)
        {
            sheet.Cells[2, 4, lastRow, 4].Style.Numberformat.Format = ExcelLook.PercentFormat;
            sheet.Cells[2, 5, lastRow, 9].Style.Numberformat.Format = "0.00";
        }

        SheetTable.Finish(sheet, 1, lastRow, headings.Length, frozenColumns: 1);

        // The first auditors, under the criteria (the same columns, so the widths hold).
        var row = lastRow + 2;
        SheetTable.Headings(sheet, row, ["Auditor", "Outcomes compared", "Pairs", "Agreement", "More favourable", "Less favourable", "Applies or not", "Grades compared", "Grades agreed", "Direction"], widths);
        var auditorRows = agreement.Auditors
            .Select(a => new object?[] { a.Auditor, a.Compared, a.Pairs, a.Agreement, a.MoreFavourable, a.LessFavourable, a.Applicability, a.GradesCompared, a.GradesAgreed, a.Direction })
            .ToList();
        var last = SheetTable.Load(sheet, row + 1, auditorRows);
        if (last > row)
        {
            sheet.Cells[row + 1, 4, last, 4].Style.Numberformat.Format = ExcelLook.PercentFormat;
        }

        // First grades (rows) against moderated grades (columns), best first.
        var grades = agreement.Grades;
        row = Math.Max(last, row) + 2;
        SheetTable.Headings(sheet, row, ["First grade \\ moderated grade", .. grades.Scale], widths);
        var matrix = new List<object?[]>();
        for (var i = 0; i < grades.Scale.Length; i++)
        {
            matrix.Add([grades.Scale[i], .. Enumerable.Range(0, grades.Scale.Length).Select(j => (object?)grades.Counts[i, j])]);
        }

        matrix.Add(["Weighted kappa on the grade scale", grades.WeightedKappa]);
        var end = SheetTable.Load(sheet, row + 1, matrix);
        sheet.Cells[end, 2].Style.Numberformat.Format = "0.00";
        print.SetUp(sheet, 1, repeatColumns: 1);
    }
}
