using System.Collections.Immutable;
using System.Globalization;
using AuditKit.Templates;
using OfficeOpenXml;
using OfficeOpenXml.DataValidation;
using OfficeOpenXml.DataValidation.Contracts;
using OfficeOpenXml.Style;

namespace AuditKit.Excel;

/// <summary>
/// Writes the audit form for a template (<c>auditkit form</c>): an "Audit" sheet with one row per case,
/// drop-downs and date checks on every input, guidance on the headings, and an "Instructions" sheet.
/// The row of contract column names lets <see cref="XlsxSubmissionReader"/> read the completed form.
/// </summary>
/// <remarks>
/// The sheets are protected without a password so a slip cannot break the headings; anyone may unprotect
/// them with Review &gt; Unprotect Sheet. Columns and rows can still be resized and cells formatted.
/// </remarks>
public sealed class AuditFormWriter
{
    public const int DefaultEmptyRows = 20;

    public const string AuditSheet = "Audit";
    public const string InstructionsSheet = "Instructions";
    public const string ListsSheet = "Lists";

    internal const int TitleRow = 1;
    internal const int GroupRow = 2;
    internal const int HeadingRow = 3;
    internal const int NameRow = 4;
    internal const int FirstDataRow = 5;

    /// <summary>Case details kept in view while scrolling right: audit id, date, auditor and case reference.</summary>
    internal const int FrozenColumns = 4;

    private const string Author = "AuditKit";

    private const float TitleSize = 14;

    /// <summary>How wide the hint beside the title may spread before it wraps.</summary>
    private const double HintWidth = 90;

    /// <summary>Writes the form.</summary>
    /// <param name="template">The template the form is for.</param>
    /// <param name="cases">
    /// Cases to prefill, one row each, keyed by contract column name (for example <c>case_ref</c>, <c>team</c>,
    /// a fact id); keys that are not form columns are ignored. Null for a blank form.
    /// </param>
    /// <param name="emptyRows">Rows laid out for a blank form (when <paramref name="cases"/> is null).</param>
    /// <param name="output">Receives the .xlsx.</param>
    public void Write(AuditTemplate template, IReadOnlyList<IReadOnlyDictionary<string, string?>>? cases, int emptyRows, Stream output)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegative(emptyRows);
        if (cases is not null && cases.Count > ExcelLook.MaxRow - FirstDataRow + 1)
        {
            throw new ArgumentOutOfRangeException(nameof(cases), cases.Count, "More cases than one worksheet holds.");
        }

        var columns = FormColumns.For(template);
        using var package = new ExcelPackage();
        var audit = package.Workbook.Worksheets.Add(AuditSheet);
        var instructions = package.Workbook.Worksheets.Add(InstructionsSheet);
        var lists = package.Workbook.Worksheets.Add(ListsSheet);

        var listAddresses = WriteLists(lists, columns);
        WriteAuditSheet(audit, template, columns, listAddresses, cases, emptyRows);
        FormInstructions.Write(instructions, template, columns);
        SheetPrinting.SetUp(instructions, CellText.Clean(template.Title), VersionNote(template), headingRows: 0, repeatColumns: 0);
        SheetPrinting.SetUp(lists, CellText.Clean(template.Title), VersionNote(template), headingRows: 1, repeatColumns: 0);

        package.Workbook.Protection.LockStructure = true;
        package.Workbook.Properties.Title = CellText.Clean(template.Title);
        package.Workbook.Properties.Author = Author;
        package.SaveAs(output);
    }

    private static string VersionNote(AuditTemplate template) =>
        string.Create(CultureInfo.InvariantCulture, $"{template.Id}, version {template.Version}");

    private static Dictionary<string, string> WriteLists(ExcelWorksheet lists, ImmutableArray<FormColumn> columns)
    {
        var addresses = new Dictionary<string, string>(StringComparer.Ordinal);
        var listColumn = 0;
        foreach (var column in columns.Where(c => c.Input == FormInput.Choice))
        {
            listColumn++;
            CellText.SetText(lists.Cells[1, listColumn], column.Name);
            lists.Cells[1, listColumn].Style.Font.Bold = true;
            for (var i = 0; i < column.Choices.Length; i++)
            {
                CellText.SetText(lists.Cells[i + 2, listColumn], column.Choices[i]);
            }

            var last = Math.Max(2, column.Choices.Length + 1);
            var letter = ExcelLook.ColumnLetter(listColumn);
            addresses[column.Name] = $"{ListsSheet}!${letter}$2:${letter}${last}";
            lists.Column(listColumn).Width = 24;
        }

        lists.Hidden = eWorkSheetHidden.Hidden;
        lists.Protection.IsProtected = true;
        return addresses;
    }

    private static void WriteAuditSheet(
        ExcelWorksheet sheet,
        AuditTemplate template,
        ImmutableArray<FormColumn> columns,
        Dictionary<string, string> listAddresses,
        IReadOnlyList<IReadOnlyDictionary<string, string?>>? cases,
        int emptyRows)
    {
        var lastColumn = columns.Length;

        // Column styles first: every data-entry cell below the headings is unlocked and formatted for its input.
        for (var i = 0; i < columns.Length; i++)
        {
            var column = columns[i];
            var excelColumn = sheet.Column(i + 1);
            excelColumn.Width = column.Width;
            excelColumn.Style.Locked = false;
            excelColumn.Style.VerticalAlignment = ExcelVerticalAlignment.Top;
            excelColumn.Style.Numberformat.Format = column.Input switch
            {
                FormInput.Date => ExcelLook.DateFormat,
                FormInput.Number or FormInput.Bool => "General",
                _ => ExcelLook.TextFormat,
            };
            if (column.Input == FormInput.Comment)
            {
                excelColumn.Style.WrapText = true;
            }
        }

        WriteHeadings(sheet, template, columns);
        var rows = cases?.Count ?? emptyRows;
        if (cases is not null)
        {
            Prefill(sheet, template, columns, cases);
        }

        if (rows > 0)
        {
            ExcelLook.ThinBorders(sheet.Cells[FirstDataRow, 1, FirstDataRow + rows - 1, lastColumn]);
        }

        for (var i = 0; i < columns.Length; i++)
        {
            AddValidation(sheet, columns[i], i + 1, listAddresses);
        }

        sheet.View.FreezePanes(FirstDataRow, FrozenColumns + 1);
        SheetPrinting.SetUp(sheet, CellText.Clean(template.Title), VersionNote(template), headingRows: NameRow, repeatColumns: FrozenColumns);
        sheet.Protection.IsProtected = true;
        sheet.Protection.AllowSelectLockedCells = true;
        sheet.Protection.AllowSelectUnlockedCells = true;
        sheet.Protection.AllowFormatCells = true;
        sheet.Protection.AllowFormatColumns = true;
        sheet.Protection.AllowFormatRows = true;
    }

    private static void WriteHeadings(ExcelWorksheet sheet, AuditTemplate template, ImmutableArray<FormColumn> columns)
    {
        var lastColumn = columns.Length;
        var structure = sheet.Cells[TitleRow, 1, NameRow, lastColumn];
        structure.Style.Locked = true;
        structure.Style.Numberformat.Format = "General";

        // The title sits in the case-detail columns, which print on every page across, so it is never cut; the hint
        // beside it wraps within the first page.
        var titleText = string.Create(CultureInfo.InvariantCulture, $"{template.Title} ({template.Id}, version {template.Version})");
        var titleWidth = Enumerable.Range(0, Math.Min(FrozenColumns, lastColumn)).Sum(i => columns[i].Width);
        var title = sheet.Cells[TitleRow, 1];
        CellText.SetText(title, titleText);
        title.Style.Font.Bold = true;
        title.Style.Font.Size = TitleSize;
        var titleCells = sheet.Cells[TitleRow, 1, TitleRow, Math.Min(FrozenColumns, lastColumn)];
        titleCells.Merge = true;
        titleCells.Style.WrapText = true;
        titleCells.Style.VerticalAlignment = ExcelVerticalAlignment.Top;
        var titleHeight = TextMeasure.Height(TextMeasure.Lines(titleText, titleWidth, SheetTable.Bold * TitleSize / 11), TitleSize / 11);
        if (lastColumn > FrozenColumns)
        {
            var hintText = $"One row per case from row {FirstDataRow}. Pick answers from the drop-downs; point at a heading to read its guidance. See the Instructions sheet.";
            var hintEnd = FrozenColumns + 1;
            var hintWidth = columns[FrozenColumns].Width;
            while (hintEnd < lastColumn && hintWidth < HintWidth)
            {
                hintWidth += columns[hintEnd].Width;
                hintEnd++;
            }

            var hint = sheet.Cells[TitleRow, FrozenColumns + 1];
            hint.Value = hintText;
            var hintCells = sheet.Cells[TitleRow, FrozenColumns + 1, TitleRow, hintEnd];
            hintCells.Merge = hintEnd > FrozenColumns + 1;
            hintCells.Style.Font.Italic = true;
            hintCells.Style.WrapText = true;
            hintCells.Style.VerticalAlignment = ExcelVerticalAlignment.Top;
            titleHeight = Math.Max(titleHeight, TextMeasure.Height(TextMeasure.Lines(hintText, hintWidth)));
        }

        sheet.Row(TitleRow).Height = titleHeight;

        // Section band: one merged cell per run of columns in the same section.
        var start = 0;
        while (start < columns.Length)
        {
            var end = start;
            while (end + 1 < columns.Length && columns[end + 1].Group == columns[start].Group)
            {
                end++;
            }

            var band = sheet.Cells[GroupRow, start + 1, GroupRow, end + 1];
            CellText.SetText(sheet.Cells[GroupRow, start + 1], columns[start].Group);
            if (end > start)
            {
                band.Merge = true;
            }

            start = end + 1;
        }

        var group = sheet.Cells[GroupRow, 1, GroupRow, lastColumn];
        group.Style.Font.Bold = true;
        group.Style.HorizontalAlignment = ExcelHorizontalAlignment.Center;
        ExcelLook.Fill(group, ExcelLook.GroupFill);
        ExcelLook.ThinBorders(group);

        var lines = 1;
        for (var i = 0; i < columns.Length; i++)
        {
            var column = columns[i];
            var heading = sheet.Cells[HeadingRow, i + 1];
            CellText.SetText(heading, column.Heading);
            if (!string.IsNullOrWhiteSpace(column.Note))
            {
                heading.AddComment(CellText.Clean(column.Note), Author);
            }

            CellText.SetText(sheet.Cells[NameRow, i + 1], column.Name);
            lines = Math.Max(lines, TextMeasure.Lines(column.Heading, column.Width, SheetTable.Bold));
        }

        var headings = sheet.Cells[HeadingRow, 1, HeadingRow, lastColumn];
        headings.Style.Font.Bold = true;
        headings.Style.WrapText = true;
        headings.Style.VerticalAlignment = ExcelVerticalAlignment.Top;
        ExcelLook.Fill(headings, ExcelLook.HeadingFill);
        ExcelLook.ThinBorders(headings);
        sheet.Row(HeadingRow).Height = TextMeasure.Height(lines);

        var names = sheet.Cells[NameRow, 1, NameRow, lastColumn];
        names.Style.Font.Size = 8;
        names.Style.Font.Color.SetColor(ExcelLook.MutedText);
    }

    private static void Prefill(
        ExcelWorksheet sheet,
        AuditTemplate template,
        ImmutableArray<FormColumn> columns,
        IReadOnlyList<IReadOnlyDictionary<string, string?>> cases)
    {
        var byName = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < columns.Length; i++)
        {
            byName[columns[i].Name] = i;
        }

        var templateColumn = byName["template"];
        for (var r = 0; r < cases.Count; r++)
        {
            var row = FirstDataRow + r;
            foreach (var (key, value) in cases[r].OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                if (!byName.TryGetValue(key.Trim(), out var index) || index == templateColumn || string.IsNullOrWhiteSpace(value))
                {
                    continue;
                }

                WriteInput(sheet.Cells[row, index + 1], columns[index].Input, value.Trim());
            }

            sheet.Cells[row, templateColumn + 1].Value = CellText.Clean(template.Id);
        }
    }

    private static void WriteInput(ExcelRange cell, FormInput input, string value)
    {
        switch (input)
        {
            case FormInput.Date when TryParseDate(value, out var date):
                cell.Value = date;
                break;
            case FormInput.Number when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number):
                cell.Value = number;
                break;
            default:
                CellText.SetText(cell, value);
                break;
        }
    }

    private static bool TryParseDate(string text, out DateTime date) =>
        DateTime.TryParseExact(text, ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static void AddValidation(ExcelWorksheet sheet, FormColumn column, int index, Dictionary<string, string> listAddresses)
    {
        var address = ExcelCellBase.GetAddress(FirstDataRow, index, ExcelLook.MaxRow, index);
        IExcelDataValidation? validation;
        switch (column.Input)
        {
            case FormInput.Answer:
                validation = List(sheet, address, column.Choices, $"Choose {string.Join(", ", column.Choices)}.");
                break;
            case FormInput.Bool:
                validation = List(sheet, address, ["true", "false"], "Choose true or false.");
                break;
            case FormInput.Choice:
                var list = sheet.DataValidations.AddListValidation(address);
                list.Formula.ExcelFormula = listAddresses[column.Name];
                list.Error = "Choose a value from the drop-down list.";
                validation = list;
                break;
            case FormInput.Date:
                var dates = sheet.DataValidations.AddDateTimeValidation(address);
                dates.Operator = ExcelDataValidationOperator.between;
                dates.Formula.Value = new DateTime(1900, 1, 1);
                dates.Formula2.Value = new DateTime(2999, 12, 31);
                dates.Error = "Enter a date as dd/mm/yyyy, for example 03/11/2026.";
                validation = dates;
                break;
            case FormInput.Number:
                var numbers = sheet.DataValidations.AddDecimalValidation(address);
                numbers.Operator = ExcelDataValidationOperator.between;
                numbers.Formula.Value = -1e12;
                numbers.Formula2.Value = 1e12;
                numbers.Error = "Enter a number, for example 12 or 12.5.";
                validation = numbers;
                break;
            default:
                validation = null;
                break;
        }

        if (validation is not null)
        {
            validation.AllowBlank = true;
            validation.ShowErrorMessage = true;
            validation.ErrorStyle = ExcelDataValidationWarningStyle.stop;
            validation.ErrorTitle = column.Heading.Length > 32 ? column.Heading[..31] + "\u2026" : column.Heading;
        }
    }

    private static IExcelDataValidationList List(ExcelWorksheet sheet, string address, IEnumerable<string> values, string error)
    {
        var list = sheet.DataValidations.AddListValidation(address);
        foreach (var value in values)
        {
            list.Formula.Values.Add(value);
        }

        list.Error = error;
        return list;
    }
}
