using System.Text;

namespace AuditKit.Text;

/// <summary>Writes RFC 4180 CSV fields: quoted when needed, and never readable as a spreadsheet formula.</summary>
public static class CsvText
{
    /// <summary>One field, formula-escaped and quoted when it holds a comma, a quote or a line break.</summary>
    public static string Field(string? value)
    {
        var safe = SpreadsheetSafety.EscapeFormula(value) ?? string.Empty;
        if (safe.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            return safe;
        }

        return "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>A whole line (without the line ending).</summary>
    public static string Line(IEnumerable<string?> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var line = new StringBuilder();
        var first = true;
        foreach (var field in fields)
        {
            if (!first)
            {
                line.Append(',');
            }

            line.Append(Field(field));
            first = false;
        }

        return line.ToString();
    }
}
