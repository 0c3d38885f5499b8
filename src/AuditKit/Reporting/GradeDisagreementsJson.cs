using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
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

    private readonly JavaScriptEncoder _encoder = SummaryJsonWriter.WriterOptions.Encoder ?? JavaScriptEncoder.Default;
    private readonly Dictionary<string, byte[]> _encoded = new(StringComparer.Ordinal);

    // The fixed text of a disagreement object, each part ending where a value starts (after its opening quote).
    private readonly byte[] _beforeAuditId;
    private readonly byte[] _beforeCaseRef;
    private readonly byte[] _beforeTeam;
    private readonly byte[] _beforeAuditorGrade;
    private readonly byte[] _beforeDerivedGrade;
    private readonly byte[] _end;
    private byte[] _buffer = new byte[FlushAt + 4096];
    private int _length;

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
        writer.Render(rows[0]);
        json.WriteRawValue(writer._buffer.AsSpan(0, writer._length), skipInputValidation: true);
        json.Flush();
        writer._length = 0;
        for (var i = 1; i < rows.Length; i++)
        {
            writer.Append((byte)',');
            writer.Render(rows[i]);
            if (writer._length >= FlushAt)
            {
                output.Write(writer._buffer, 0, writer._length);
                writer._length = 0;
            }
        }

        output.Write(writer._buffer, 0, writer._length);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Render(GradeDisagreement row)
    {
        Append(_beforeAuditId);
        Escaped(row.AuditId);
        Append(_beforeCaseRef);
        Escaped(row.CaseRef);
        Append(_beforeTeam);
        Append(Encoded(row.Team));
        Append(_beforeAuditorGrade);
        Append(Encoded(row.AuditorGrade));
        Append(_beforeDerivedGrade);
        Append(Encoded(row.DerivedGrade));
        Append(_end);
    }

    /// <summary>A value that repeats across rows (a team or grade), escaped once.</summary>
    private byte[] Encoded(string value)
    {
        if (!_encoded.TryGetValue(value, out var bytes))
        {
            bytes = JsonEncodedText.Encode(value, _encoder).EncodedUtf8Bytes.ToArray();
            _encoded.Add(value, bytes);
        }

        return bytes;
    }

    private void Escaped(string value)
    {
        if (CaseActionJsonRenderer.IsPlain(value))
        {
            Reserve(value.Length);
            for (var i = 0; i < value.Length; i++)
            {
                _buffer[_length + i] = (byte)value[i];
            }

            _length += value.Length;
        }
        else
        {
            Append(JsonEncodedText.Encode(value, _encoder).EncodedUtf8Bytes);
        }
    }

    private void Append(byte value)
    {
        Reserve(1);
        _buffer[_length++] = value;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        Reserve(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    private void Reserve(int bytes)
    {
        if (_length + bytes > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + bytes));
        }
    }
}
