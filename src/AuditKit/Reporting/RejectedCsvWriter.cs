using System.Globalization;
using AuditKit.Submissions;
using AuditKit.Text;

namespace AuditKit.Reporting;

/// <summary>Writes <c>rejected.csv</c>: one line per rejected row, with every reason, for auditors to fix.</summary>
public static class RejectedCsvWriter
{
    public static void Write(IEnumerable<RejectedRow> rows, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(output);
        output.Write(CsvText.Line(["source", "row", "audit_id", "reasons"]));
        output.Write('\n');
        foreach (var row in rows)
        {
            output.Write(CsvText.Line([row.Source, row.Row.ToString(CultureInfo.InvariantCulture), row.AuditId, string.Join("; ", row.Reasons)]));
            output.Write('\n');
        }
    }
}
