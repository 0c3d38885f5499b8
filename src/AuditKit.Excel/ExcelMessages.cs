namespace AuditKit.Excel;

/// <summary>The texts users see from the Excel readers and writers. Only file names, never cell values.</summary>
internal static class ExcelMessages
{
    public static string NotAWorkbook(string source) =>
        $"'{source}' could not be read as an Excel workbook: it is not an .xlsx file, or it is damaged or password protected. Save it as an Excel Workbook (.xlsx) without a password and try again.";

    public static string NoWorksheet(string source) =>
        $"'{source}' could not be read: the workbook has no worksheets.";
}
