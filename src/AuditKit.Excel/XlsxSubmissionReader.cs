using AuditKit.Diagnostics;
using AuditKit.Submissions;
using OfficeOpenXml;

namespace AuditKit.Excel;

/// <summary>
/// Reads audit submissions from the first worksheet of an .xlsx workbook: a plain sheet with the column
/// names in row 1, or a form written by <see cref="AuditFormWriter"/> (column names in a row below the headings).
/// Hidden sheets are passed over (with a warning naming the sheet read). A cell whose formula result is an error, or
/// was never calculated, is never read as a value: it is a <see cref="CellProblem"/> naming the cell.
/// </summary>
public static class XlsxSubmissionReader
{
    /// <summary>How many rows from the top are searched for the row of column names.</summary>
    public const int HeaderSearchRows = 10;

    private static readonly string[] HeaderMarkers = ["audit_id", "case_ref"];

    /// <summary>
    /// One <see cref="RawRecord"/> per worksheet row below the column names that holds any value; fully empty
    /// rows (such as the unused rows of a form) are skipped. Row numbers are the worksheet's.
    /// </summary>
    /// <param name="stream">The workbook.</param>
    /// <param name="sourceName">The file name as given, for records and messages.</param>
    /// <exception cref="SubmissionReadException">The stream is not a readable .xlsx workbook.</exception>
    public static IEnumerable<RawRecord> Read(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);

        ExcelPackage package;
        try
        {
            package = new ExcelPackage(stream);
            _ = package.Workbook.Worksheets.Count;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new SubmissionReadException(sourceName, ExcelMessages.NotAWorkbook(sourceName), e);
        }

        using (package)
        {
            if (package.Workbook.Worksheets.Count == 0)
            {
                throw new SubmissionReadException(sourceName, ExcelMessages.NoWorksheet(sourceName), null);
            }

            var (sheet, warning) = ChooseSheet(package.Workbook.Worksheets, sourceName);
            return ReadSheet(sheet, sourceName, warning);
        }
    }

    /// <summary>The first sheet that is not hidden (what Excel shows first), and a warning when sheets before it are hidden.</summary>
    private static (ExcelWorksheet Sheet, Diagnostic? Warning) ChooseSheet(ExcelWorksheets sheets, string sourceName)
    {
        var hidden = new List<string>();
        foreach (var sheet in sheets)
        {
            if (sheet.Hidden == eWorkSheetHidden.Visible)
            {
                return (sheet, hidden.Count == 0 ? null : Warning(Messages.Submissions.SheetAfterHidden(sheet.Name, hidden)));
            }

            hidden.Add(sheet.Name);
        }

        var first = sheets[0];
        return (first, Warning(Messages.Submissions.OnlyHiddenSheets(first.Name)));

        Diagnostic Warning(string message) =>
            new(Messages.Submissions.SheetChosenCode, Severity.Warning, message, SourceLocation.FileOnly(sourceName));
    }

    private static List<RawRecord> ReadSheet(ExcelWorksheet sheet, string sourceName, Diagnostic? warning)
    {
        var records = new List<RawRecord>();
        if (sheet.Dimension is not { } dimension)
        {
            return records;
        }

        var lastRow = dimension.End.Row;
        var lastColumn = dimension.End.Column;
        var values = new SheetValues(sheet);
        var headerRow = FindHeaderRow(values, Math.Min(HeaderSearchRows, lastRow), lastColumn);

        var headerWidth = 0;
        for (var column = 1; column <= lastColumn; column++)
        {
            if (values.Text(headerRow, column) is not null)
            {
                headerWidth = column;
            }
        }

        var header = new string[headerWidth];
        for (var column = 1; column <= headerWidth; column++)
        {
            header[column - 1] = values.Text(headerRow, column) ?? string.Empty;
        }

        IReadOnlyList<string> sharedHeader = Array.AsReadOnly(header);
        for (var row = headerRow + 1; row <= lastRow; row++)
        {
            if (IsEmptyRow(sheet, row, lastColumn))
            {
                continue;
            }

            var cells = new string?[headerWidth];
            List<CellProblem>? problems = null;
            for (var column = 1; column <= headerWidth; column++)
            {
                if (values.Problem(row, column) is { } problem)
                {
                    (problems ??= []).Add(new CellProblem(column - 1, problem));
                    continue;
                }

                cells[column - 1] = values.Text(row, column);
            }

            records.Add(new RawRecord(sourceName, row, sharedHeader, cells) { CellProblems = problems, SourceWarning = warning });
        }

        return records;
    }

    private static int FindHeaderRow(SheetValues values, int searchRows, int lastColumn)
    {
        for (var row = 1; row <= searchRows; row++)
        {
            var found = 0;
            for (var column = 1; column <= lastColumn && found < HeaderMarkers.Length; column++)
            {
                var text = values.Text(row, column);
                if (text is not null && HeaderMarkers.Contains(text, StringComparer.OrdinalIgnoreCase))
                {
                    found++;
                }
            }

            if (found == HeaderMarkers.Length)
            {
                return row;
            }
        }

        return 1;
    }

    private static bool IsEmptyRow(ExcelWorksheet sheet, int row, int lastColumn)
    {
        for (var column = 1; column <= lastColumn; column++)
        {
            var value = sheet.GetValue(row, column);
            if (value is not null && (value is not string s || !string.IsNullOrWhiteSpace(s)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Cell values as text, with the date test of each cell style worked out once.</summary>
    private sealed class SheetValues(ExcelWorksheet sheet)
    {
        private readonly Dictionary<int, bool> _dateStyles = [];

        /// <summary>
        /// Why the cell holds no value to read, naming it: a formula whose saved result is an error (#DIV/0!, #N/A) or
        /// not a number, or a formula never calculated. Null for a cell with a value, or empty without a formula.
        /// </summary>
        public string? Problem(int row, int column)
        {
            switch (sheet.GetValue(row, column))
            {
                case ExcelErrorValue error:
                    return Messages.Submissions.CellFormulaError(ExcelCellBase.GetAddress(row, column), error.ToString());
                case double number when !double.IsFinite(number):
                    return Messages.Submissions.CellNotANumber(ExcelCellBase.GetAddress(row, column));
                case null when !string.IsNullOrEmpty(sheet.Cells[row, column].Formula):
                    return Messages.Submissions.CellFormulaNotCalculated(ExcelCellBase.GetAddress(row, column));
                default:
                    return null;
            }
        }

        public string? Text(int row, int column)
        {
            var value = sheet.GetValue(row, column);
            return value switch
            {
                null => null,
                double or float or decimal or int or long => CellText.From(value, IsDateStyle(sheet.Cells[row, column])),
                _ => CellText.From(value, dateFormatted: false),
            };
        }

        private bool IsDateStyle(ExcelRange cell)
        {
            var styleId = cell.StyleID;
            if (!_dateStyles.TryGetValue(styleId, out var isDate))
            {
                var format = cell.Style.Numberformat;
                isDate = CellText.IsDateFormat(format.NumFmtID, format.Format);
                _dateStyles[styleId] = isDate;
            }

            return isDate;
        }
    }
}
