using System.Globalization;

namespace AuditKit.Diagnostics;

public static partial class Messages
{
    /// <summary>
    /// Texts about submissions: reasons a row is rejected (each starts with the column it is about),
    /// problems a reader met, and diagnostics about a source's header (codes AK3xxx).
    /// A value from a case file is quoted only when it is short; long text is never echoed.
    /// </summary>
    public static class Submissions
    {
        public const string ColumnMissingCode = "AK3001";
        public const string ColumnRepeatedCode = "AK3002";
        public const string UnknownColumnCode = "AK3003";
        public const string ComputedCriterionColumnCode = "AK3004";
        public const string NamelessColumnCode = "AK3005";

        /// <summary>Values longer than this are not quoted back in a reason.</summary>
        public const int MaxQuotedLength = 20;

        /// <summary>Column names and ids longer than this are not quoted back.</summary>
        public const int MaxQuotedNameLength = 64;

        public const string AllowedAnswers = "Yes, Partly, No or N/A";

        // ---- reader problems (a whole row could not be read) ----

        public static string CsvTooManyCells(int cells, int columns) => string.Create(
            CultureInfo.InvariantCulture,
            $"the row has {cells} cells but the header has {columns} columns; a value that contains a comma must be in double quotes");

        public const string CsvUnclosedQuote =
            "a quoted value that starts in this row is never closed, so the rest of the file could not be read; check for a missing closing double quote";

        public static string CellTooLong(int max) => string.Create(
            CultureInfo.InvariantCulture,
            $"a value in this row is longer than {max} characters");

        public const string JsonNotArray = "the file is not a JSON array of objects; it must start with '['";

        public const string JsonObjectNotArray =
            "the file holds one JSON object, not an array of objects; put the object (and any others) in one array: [ {...}, {...} ]";

        public static string JsonAfterArray(long line) => string.Create(
            CultureInfo.InvariantCulture,
            $"there is more after the array closes, at line {line}; a submission file holds one JSON array, so put every object in that array and remove the rest");

        public static string JsonInvalidText(long line) => string.Create(
            CultureInfo.InvariantCulture,
            $"a text in this item (from line {line}) is not valid: it holds a byte that is not UTF-8 or a lone surrogate escape such as '\\ud800'; save the file as UTF-8 and correct that text");

        public static string JsonItemNotObject(int item) => string.Create(
            CultureInfo.InvariantCulture,
            $"item {item} is not a JSON object; each item must be an object whose keys are column names");

        public static string JsonNestedValue(string key) =>
            $"{Name(key)} holds a list or an object; each value must be text, a number, true, false or null";

        public static string JsonMalformed(long line) => string.Create(
            CultureInfo.InvariantCulture,
            $"the JSON is not valid at line {line}, so the rest of the file could not be read");

        public const string JsonUnclosedArray = "the file ends before the JSON array is closed with ']'";

        public static string JsonItemTooLarge(int megabytes) => string.Create(
            CultureInfo.InvariantCulture,
            $"the item is larger than {megabytes} MB, so the rest of the file could not be read");

        // ---- reasons a row is rejected ----

        public static string ValueRequired(string column) => $"{column}: a value is required";

        public static string AnswerRequired(string criterion) =>
            $"{criterion}: an answer is required; use {AllowedAnswers}";

        public static string AnswerInvalid(string criterion, string value) =>
            $"{criterion}: {Quote(value)} is not an answer; use {AllowedAnswers}";

        public static string NotADate(string column, string value) =>
            $"{column}: {Quote(value)} is not a date; use YYYY-MM-DD or DD/MM/YYYY";

        public const string ImplausibleDateCode = "AK3006";
        public const string TeamSpellingCode = "AK3007";
        public const string HeaderNotReadCode = "AK3008";
        public const string SheetChosenCode = "AK3009";

        public static string CellFormulaError(string cell, string error) =>
            $"cell {cell} holds a formula whose result is the error {error}, not a value; correct the formula (or type the value) in Excel and save the workbook again";

        public static string CellFormulaNotCalculated(string cell) =>
            $"cell {cell} holds a formula whose result was never saved (the program that wrote the workbook does not calculate); open the workbook in Excel or LibreOffice, save it, and send it again, or type the value";

        public static string CellNotANumber(string cell) =>
            $"cell {cell} holds a number that is not a number (NaN or infinity, as a failed calculation gives); type the value in Excel and save the workbook again";

        public static string SheetAfterHidden(string read, IReadOnlyList<string> hidden) =>
            $"Sheet '{read}' was read: {(hidden.Count == 1 ? $"the sheet before it, '{hidden[0]}', is hidden" : $"the sheets before it ({string.Join(", ", hidden.Select(h => $"'{h}'"))}) are hidden")}, and a hidden sheet is never read. If the audits are on a hidden sheet, unhide it and move it to the front.";

        public static string OnlyHiddenSheets(string read) =>
            $"Sheet '{read}' was read although it is hidden: every sheet of the workbook is hidden. Unhide the sheet with the audits and move it to the front.";

        public static string NotReadToTheEnd(string errorType) =>
            $"The file could not be read to the end ({errorType}): it was changed, truncated or removed while it was read, or the disk failed. The rows before that were read; check the file and run again.";

        public const string ChangedWhileRead =
            "The file changed while it was read (it was written to, cut short or replaced): the rows were read from it as it was when the run began, and may not be what it holds now. Run again once it is complete.";

        public static string SeparatedBy(string separator) =>
            $"the columns are separated by {separator}, not commas, so no column could be found; save the file again as CSV (Comma delimited), or as .xlsx";

        public const string FormSavedAsCsv =
            "this is an AuditKit form saved as CSV: its first row is the form's title and the column names are in row 4; give the .xlsx form itself, or delete rows 1 to 3 and save again";

        public static string HeaderNotReadDiagnostic(string problem) =>
            $"No column of this file could be read, so every row is rejected: {problem}.";

        public static string ControlCharacter(string column, char character, int position) => string.Create(
            CultureInfo.InvariantCulture,
            $"{column}: holds the control character U+{(int)character:X4} at character {position}, which an identifying field may not hold; remove it (it may have come from a copy and paste)");

        public static string ReplacementCharacter(string column, int position) => string.Create(
            CultureInfo.InvariantCulture,
            $"{column}: holds the replacement character U+FFFD at character {position}: the text was damaged by being saved in another encoding; retype it, and save the file as UTF-8");

        public static string TeamSpelling(string spelling, string first, int row, string firstSource, int firstRow) => string.Create(
            CultureInfo.InvariantCulture,
            $"Team '{spelling}' (row {row}) differs from '{first}' ({firstSource} row {firstRow}) only in case or spacing, so it is counted as '{first}'. Spell it one way in every file.");

        public static string TeamSpellingKnown(string spelling, string known, int row, string where) => string.Create(
            CultureInfo.InvariantCulture,
            $"Team '{spelling}' (row {row}) differs from '{known}', a team already in {where}, only in case or spacing, so it is counted as '{known}'. Spell it one way in every file.");

        public static string TeamSpacing(string spaced, int row) => string.Create(
            CultureInfo.InvariantCulture,
            $"Team '{spaced}' (row {row}) was written with extra or unusual spaces; it is counted as '{spaced}'.");

        public static string DateOutOfRange(string column, string value, int firstYear, int lastYear) => string.Create(
            CultureInfo.InvariantCulture,
            $"{column}: {Quote(value)} cannot be right; dates must be in the years {firstYear} to {lastYear}");

        public static string AuditDateAfterAsOf(int row, DateOnly date, DateOnly asOf) => string.Create(
            CultureInfo.InvariantCulture,
            $"Row {row} has audit_date {date:yyyy-MM-dd}, after the as-of date {asOf:yyyy-MM-dd} (the first such row of this file). Check the date: dates are day first (03/11/2026 is 3 November), or give a later --as-of.");

        public static string AuditDateYearsBeforeAsOf(int row, DateOnly date, DateOnly asOf, int years) => string.Create(
            CultureInfo.InvariantCulture,
            $"Row {row} has audit_date {date:yyyy-MM-dd}, more than {years} years before the as-of date {asOf:yyyy-MM-dd} (the first such row of this file). Check the date.");

        public static string DayMonthSwapped(int row, string value, DateOnly read, DateOnly swapped, int more, int nearMonths, int near) => string.Create(
            CultureInfo.InvariantCulture,
            $"Row {row} has audit_date {Quote(value)}, read day first as {Words(read)}, but no other audit date of this file is within {nearMonths} months of it, while {near} are within {nearMonths} months of {Words(swapped)}{(more > 0 ? $" ({more} more row(s) have the same date)" : string.Empty)}. If it was written month first, write it as {swapped:yyyy-MM-dd} or {swapped:dd/MM/yyyy}: dates with slashes are read day first.");

        public static string FileLooksMonthFirst(int row, string column, string value, int ambiguous, int firstRow, string firstColumn, string firstValue, DateOnly firstRead) => string.Create(
            CultureInfo.InvariantCulture,
            $"Row {row} has {column} {Quote(value)}, which can only be month first, so this file may write dates month first: {ambiguous} date(s) with day and month both 12 or under were read day first (the first: row {firstRow}, {firstColumn} {Quote(firstValue)}, read as {Words(firstRead)}). Check them, and write dates as YYYY-MM-DD.");

        private static string Words(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

        public static string MonthFirstDate(string column, string value) =>
            $"{column}: {Quote(value)} is not a date; dates are day first (DD/MM/YYYY), or use YYYY-MM-DD";

        public static string NotANumber(string column, string value) =>
            $"{column}: {Quote(value)} is not a number; use digits with a decimal point, for example 12 or 12.5";

        public static string NotABool(string column, string value) =>
            $"{column}: {Quote(value)} is not true or false; use true/false, yes/no, y/n or 1/0";

        public static string NotAChoice(string column, string value, IReadOnlyList<string> choices) =>
            $"{column}: {Quote(value)} is not one of the choices; use {OneOf(choices)}";

        public static string UnknownCaseType(string value, IReadOnlyList<string> caseTypes) =>
            $"case_type: {Quote(value)} is not a case type of this template; use {OneOf(caseTypes)}";

        public static string TemplateMismatch(string value, string templateId) =>
            $"template: {Quote(value)} does not match template '{templateId}'; this row belongs to another template";

        public static string ColumnMissing(string column, string? lookalike) =>
            lookalike is null
                ? $"{column}: the column is missing from this file"
                : $"{column}: the column is missing from this file ({Name(lookalike)} may be a misspelling of it)";

        public static string ColumnRepeated(string column) =>
            $"{column}: the column appears more than once in this file, so its value is ambiguous";

        public static string DuplicateIdentical(string source, int row) => string.Create(
            CultureInfo.InvariantCulture,
            $"duplicate of {source} {RowWord(source)} {row} (identical); it is counted once");

        public static string DuplicateDifferent(string auditId, string source, int row) => string.Create(
            CultureInfo.InvariantCulture,
            $"audit_id {Name(auditId)} was already used by {source} {RowWord(source)} {row} with different content; give each audit its own id, or remove the older row");

        // ---- diagnostics about a source's header ----

        public static string ColumnMissingDiagnostic(string column, string? lookalike) =>
            lookalike is null
                ? $"Column '{column}' is missing, so every row of this file is rejected."
                : $"Column '{column}' is missing, so every row of this file is rejected. Is {Name(lookalike)} meant to be '{column}'?";

        public static string ColumnRepeatedDiagnostic(string column) =>
            $"Column '{column}' appears more than once, so every row of this file is rejected.";

        public static string UnknownColumnDiagnostic(string column, string templateId, string hint) =>
            $"Column {Name(column)} is not used by template '{templateId}', so its values are ignored.{hint}";

        public static string ComputedCriterionColumnDiagnostic(string column) =>
            $"Column '{column}' is ignored: that criterion is worked out from the case facts and takes no answer.";

        public static string NamelessColumnDiagnostic(int columnNumber) => string.Create(
            CultureInfo.InvariantCulture,
            $"Column {columnNumber} has values but no name in the header, so they are ignored.");

        /// <summary>"row" for spreadsheets and CSV, "item" for JSON sources.</summary>
        public static string RowWord(string source) =>
            source.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? "item" : "row";

        /// <summary>A case-file value in single quotes when it is short, otherwise "the value".</summary>
        public static string Quote(string value) =>
            IsQuotable(value, MaxQuotedLength) ? $"'{value}'" : "the value";

        /// <summary>A column name or an id (not a case-file value) in single quotes, cut short when very long.</summary>
        public static string Name(string name)
        {
            if (IsQuotable(name, MaxQuotedNameLength))
            {
                return $"'{name}'";
            }

            var shown = name.Length > MaxQuotedNameLength ? name[..MaxQuotedNameLength] : name;
            var chars = shown.ToCharArray();
            for (var i = 0; i < chars.Length; i++)
            {
                if (char.IsControl(chars[i]))
                {
                    chars[i] = '?';
                }
            }

            return name.Length > MaxQuotedNameLength ? $"'{new string(chars)}...'" : $"'{new string(chars)}'";
        }

        private static bool IsQuotable(string value, int max)
        {
            if (value.Length > max)
            {
                return false;
            }

            foreach (var c in value)
            {
                if (char.IsControl(c))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>"A", "A or B", "A, B or C".</summary>
        private static string OneOf(IReadOnlyList<string> items) => items.Count switch
        {
            0 => "nothing (the template lists none)",
            1 => items[0],
            _ => string.Join(", ", items.Take(items.Count - 1)) + " or " + items[^1],
        };
    }
}
