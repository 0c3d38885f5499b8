namespace AuditKit.Excel;

/// <summary>
/// A submission file that could not be read at all (not an .xlsx workbook, damaged, password protected or
/// without worksheets). The message names the file and never contains cell values.
/// </summary>
public sealed class SubmissionReadException : Exception
{
    public SubmissionReadException()
    {
    }

    public SubmissionReadException(string message)
        : base(message)
    {
    }

    public SubmissionReadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal SubmissionReadException(string sourceName, string message, Exception? innerException)
        : base(message, innerException)
    {
        SourceName = sourceName;
    }

    /// <summary>The file name as given to the reader.</summary>
    public string SourceName { get; } = string.Empty;
}
