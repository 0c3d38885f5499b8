using AuditKit.Diagnostics;

namespace AuditKit.Submissions;

/// <summary>
/// One row as read from a CSV, XLSX or JSON source, before validation. Cells are text as the user
/// wrote it (readers turn spreadsheet dates into ISO <c>yyyy-MM-dd</c> and numbers into invariant text);
/// null when the cell is absent or empty.
/// </summary>
/// <param name="Source">The file name as given.</param>
/// <param name="Row">1-based row number as the user sees it (in CSV and XLSX the header is row 1; in JSON the array index + 1).</param>
/// <param name="Header">Column names, shared by every row of the source.</param>
/// <param name="Cells">Values, aligned with <paramref name="Header"/>.</param>
public sealed record RawRecord(string Source, int Row, IReadOnlyList<string> Header, string?[] Cells)
{
    /// <summary>
    /// Set when the reader could not read this row as written (more cells than the header, a quote never
    /// closed, malformed JSON): a reason the validator rejects the row with, so that nothing is dropped silently.
    /// Null for a row read cleanly.
    /// </summary>
    public string? ReadProblem { get; init; }

    /// <summary>
    /// Cells the reader could not take a value from (a spreadsheet formula whose saved result is an error, or that
    /// was never calculated): the cell is read as blank, and a row that uses its column is rejected with the problem,
    /// which names the cell and the fix. Null when there are none.
    /// </summary>
    public IReadOnlyList<CellProblem>? CellProblems { get; init; }

    /// <summary>A warning about the source as a whole from its reader (which sheet of a workbook was read), or null.</summary>
    public Diagnostic? SourceWarning { get; init; }
}

/// <summary>A cell of a row whose value could not be read: its column index and what is wrong, naming the cell and the fix.</summary>
public readonly record struct CellProblem(int Column, string Problem);
