using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using AuditKit.Compliance;

namespace AuditKit.Reporting;

/// <summary>
/// Writes the grade disagreements of summary.json's overall summary (one for every audit whose auditor's grade
/// differs from the derived one: tens of thousands in a region's history), byte for byte what
/// <see cref="Utf8JsonWriter"/> writes with <see cref="SummaryJsonWriter.WriterOptions"/>: property names, new lines
/// and indents are joined once, and values that JSON leaves alone are copied as they are.
/// </summary>
internal sealed class GradeDisagreementsJson
{
    private const int FlushAt = 64 * 1024;

    private readonly EscapedValues _escaped = new();
    private readonly JsonBytes _output = new(FlushAt + 4096);

    // The fixed text of a disagreement object, each part ending where a value starts (after its opening quote).
    private readonly byte[] _beforeAuditId;
    private readonly byte[] _beforeCaseRef;
    private readonly byte[] _beforeTeam;
    private readonly byte[] _beforeAuditorGrade;
    private readonly byte[] _beforeDerivedGrade;
    private readonly byte[] _end;

    /// <param name="depth">The writer's depth inside the array (<see cref="Utf8JsonWriter.CurrentDepth"/>).</param>
    private GradeDisagreementsJson(int depth)
    {
        var options = SummaryJsonWriter.WriterOptions;
        string Indent(int level) => options.NewLine + new string(options.IndentCharacter, level * options.IndentSize);
        var property = "\"," + Indent(depth + 1) + "\"";
        _beforeAuditId = Encoding.UTF8.GetBytes(Indent(depth) + "{" + Indent(depth + 1) + "\"audit_id\": \"");
        _beforeCaseRef = Encoding.UTF8.GetBytes(property + "case_ref\": \"");
        _beforeTeam = Encoding.UTF8.GetBytes(property + "team\": \"");
        _beforeAuditorGrade = Encoding.UTF8.GetBytes(property + "auditor_grade\": \"");
        _beforeDerivedGrade = Encoding.UTF8.GetBytes(property + "derived_grade\": \"");
        _end = Encoding.UTF8.GetBytes("\"" + Indent(depth) + "}");
    }

    /// <summary>
    /// Writes <paramref name="rows"/> as the elements of the array <paramref name="json"/> has just started: the first
    /// through the writer (so that it knows the array has elements), the rest straight to <paramref name="output"/>.
    /// </summary>
    public static void WriteElements(Utf8JsonWriter json, Stream output, ImmutableArray<GradeDisagreement> rows)
    {
        if (rows.IsEmpty)
        {
            return;
        }

        var writer = new GradeDisagreementsJson(json.CurrentDepth);
        var rendered = writer._output;
        writer.Render(rows[0]);
        json.WriteRawValue(rendered.Written, skipInputValidation: true);
        json.Flush();
        rendered.Length = 0;
        for (var i = 1; i < rows.Length; i++)
        {
            rendered.Append((byte)',');
            writer.Render(rows[i]);
            if (rendered.Length >= FlushAt)
            {
                output.Write(rendered.Written);
                rendered.Length = 0;
            }
        }

        output.Write(rendered.Written);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Render(GradeDisagreement row)
    {
        var output = _output;
        output.Append(_beforeAuditId);
        output.AppendEscaped(row.AuditId);
        output.Append(_beforeCaseRef);
        output.AppendEscaped(row.CaseRef);
        output.Append(_beforeTeam);
        output.Append(_escaped[row.Team]);
        output.Append(_beforeAuditorGrade);
        output.Append(_escaped[row.AuditorGrade]);
        output.Append(_beforeDerivedGrade);
        output.Append(_escaped[row.DerivedGrade]);
        output.Append(_end);
    }
}
