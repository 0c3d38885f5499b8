using AuditKit.Submissions;
using OfficeOpenXml;

namespace AuditKit.Excel;

/// <summary>
/// Reads audit submissions from the first worksheet of an .xlsx workbook: a plain sheet with the column
/// names in row 1, or a form written by <see cref="AuditFormWriter"/> (column names in a row below the headings).
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

            return ReadSheet(package.Workbook.Worksheets[0], sourceName);
        }
    }

    private static List<RawRecord> ReadSheet(ExcelWorksheet sheet, string sourceName)
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
            for (var column = 1; column <= headerWidth; column++)
            {
                cells[column - 1] = values.Text(row, column);
            }

            records.Add(new RawRecord(sourceName, row, sharedHeader, cells));
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
