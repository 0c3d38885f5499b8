using System.Globalization;

namespace AuditKit.Sampling;

/// <summary>A problem with a row of a table file (a caseload extract, an auditors list), or with the whole file (row 0).</summary>
public sealed record RowProblem(string Code, bool IsError, string Source, int Row, string Message)
{
    /// <summary><c>file row 7: warning AK6102: message</c>, or <c>file: error AK6101: message</c> for the whole file.</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Source}{(Row > 0 ? $" row {Row}" : string.Empty)}: {(IsError ? "error" : "warning")} {Code}: {Message}");
}
