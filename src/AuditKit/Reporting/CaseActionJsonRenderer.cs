using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using AuditKit.FollowUps;
using AuditKit.Runs;

namespace AuditKit.Reporting;

/// <summary>
/// Renders chunks of a run's case actions as they appear inside summary.json's <c>actions</c> array, byte for byte
/// what <see cref="Utf8JsonWriter"/> writes with <see cref="SummaryJsonWriter.WriterOptions"/> (each action as if it
/// were the first element, so with no comma before it). A run has millions of case actions and they differ in only
/// a few fields, so everything that repeats (property names, teams, owners, criteria, rule keys, the fixed parts of
/// each text) is escaped once and copied; the case reference and audit id are copied as they are when they are plain
/// ASCII that JSON leaves alone, and escaped by the encoder otherwise.
/// </summary>
/// <remarks>One instance per thread: it keeps its output and caches.</remarks>
internal sealed class CaseActionJsonRenderer
{
    // Printable ASCII characters that the writer's encoder leaves as they are (found by asking the encoder itself).
    private static readonly bool[] Plain = FindPlainAscii(SummaryJsonWriter.WriterOptions.Encoder ?? JavaScriptEncoder.Default);

    private readonly JavaScriptEncoder _encoder = SummaryJsonWriter.WriterOptions.Encoder ?? JavaScriptEncoder.Default;
    private readonly byte[] _objectStart;
    private readonly byte[] _objectEnd;
    private readonly byte[] _firstProperty;
    private readonly byte[] _nextProperty;
    private readonly Dictionary<string, byte[]> _encoded = new(StringComparer.Ordinal);
    private readonly Dictionary<ActionTextParts, byte[][]?> _texts = new(ReferenceEqualityComparer.Instance);
    private readonly CaseActionParts _parts = new();
    private byte[] _buffer = new byte[1 << 20];
    private int _length;

    public CaseActionJsonRenderer()
    {
        var options = SummaryJsonWriter.WriterOptions;
        var newLine = options.NewLine;
        var indent = options.IndentCharacter;
        var size = options.IndentSize;
        _objectStart = Encoding.UTF8.GetBytes(newLine + new string(indent, 2 * size) + "{");
        _objectEnd = Encoding.UTF8.GetBytes(newLine + new string(indent, 2 * size) + "}");
        _firstProperty = Encoding.UTF8.GetBytes(newLine + new string(indent, 3 * size) + "\"");
        _nextProperty = Encoding.UTF8.GetBytes("," + newLine + new string(indent, 3 * size) + "\"");
    }

    /// <summary>The bytes of the last chunk rendered.</summary>
    public ReadOnlySpan<byte> Rendered => _buffer.AsSpan(0, _length);

    /// <summary>Renders case actions <paramref name="start"/> to <paramref name="end"/> - 1, each after a comma but the first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Render(CompactActionList actions, int start, int end)
    {
        _length = 0;
        for (var i = start; i < end; i++)
        {
            if (i > start)
            {
                Append((byte)',');
            }

            actions.FillCaseAction(i, _parts);
            RenderAction(_parts);
        }
    }

    private static bool[] FindPlainAscii(JavaScriptEncoder encoder)
    {
        var plain = new bool[128];
        for (var c = ' '; c < 127; c++)
        {
            var text = c.ToString();
            plain[c] = JsonEncodedText.Encode(text, encoder).Value == text;
        }

        return plain;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsPlain(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c >= 128 || !Plain[c])
            {
                return false;
            }
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RenderAction(CaseActionParts action)
    {
        Append(_objectStart);
        Property(_firstProperty, "id");
        Quoted(action.Id);
        Property(_nextProperty, "scope");
        QuotedCached("case");
        Property(_nextProperty, "team");
        QuotedCached(action.Team);
        Property(_nextProperty, "case_ref");
        Quoted(action.CaseRef);
        Property(_nextProperty, "criterion");
        QuotedCachedOrNull(action.Criterion);
        Property(_nextProperty, "action");
        Text(action);
        Property(_nextProperty, "owner");
        QuotedCached(action.Owner);
        Property(_nextProperty, "due");
        Date(action.Due);
        Property(_nextProperty, "escalate_to");
        QuotedCachedOrNull(action.EscalateTo);
        Property(_nextProperty, "audit_id");
        Quoted(action.AuditId);
        Property(_nextProperty, "rule");
        QuotedCached(action.RuleKey);
        Append(_objectEnd);
    }

    /// <summary><c>,\n      "name": </c> (the names are plain ASCII).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Property(byte[] prefix, string name)
    {
        Append(prefix);
        AppendAscii(name);
        Append("\": "u8);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void QuotedCachedOrNull(string? value)
    {
        if (value is null)
        {
            Append("null"u8);
        }
        else
        {
            QuotedCached(value);
        }
    }

    /// <summary>A value that repeats across actions (a team, owner, criterion or rule key): escaped once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void QuotedCached(string value)
    {
        if (!_encoded.TryGetValue(value, out var bytes))
        {
            bytes = JsonEncodedText.Encode(value, _encoder).EncodedUtf8Bytes.ToArray();
            _encoded.Add(value, bytes);
        }

        Append((byte)'"');
        Append(bytes);
        Append((byte)'"');
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Quoted(ReadOnlySpan<char> value)
    {
        Append((byte)'"');
        Escaped(value);
        Append((byte)'"');
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Escaped(ReadOnlySpan<char> value)
    {
        if (IsPlain(value))
        {
            AppendAscii(value);
        }
        else
        {
            Append(JsonEncodedText.Encode(value, _encoder).EncodedUtf8Bytes);
        }
    }

    /// <summary>
    /// The text: its fixed parts escaped once per rule, the team and case reference in between. Escaping is done one
    /// character at a time, so the parts escaped apart join into what the whole would give; a text with surrogate
    /// pairs (which escape as pairs) is escaped whole instead.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Text(CaseActionParts action)
    {
        var parts = action.TextParts;
        if (!_texts.TryGetValue(parts, out var literals))
        {
            literals = EncodeLiterals(parts);
            _texts.Add(parts, literals);
        }

        Append((byte)'"');
        if (literals is null || HasSurrogates(action.Team) || HasSurrogates(action.CaseRef))
        {
            Escaped(action.Text);
        }
        else
        {
            for (var i = 0; i < parts.Parts.Length; i++)
            {
                switch (parts.Parts[i].Slot)
                {
                    case ActionTextParts.Slot.Team:
                        Escaped(action.Team);
                        break;
                    case ActionTextParts.Slot.CaseRef:
                        Escaped(action.CaseRef);
                        break;
                    default:
                        Append(literals[i]);
                        break;
                }
            }
        }

        Append((byte)'"');
    }

    private byte[][]? EncodeLiterals(ActionTextParts parts)
    {
        var literals = new byte[parts.Parts.Length][];
        for (var i = 0; i < literals.Length; i++)
        {
            var part = parts.Parts[i];
            if (part.Slot is ActionTextParts.Slot.Team or ActionTextParts.Slot.CaseRef)
            {
                literals[i] = [];
                continue;
            }

            if (HasSurrogates(part.Literal))
            {
                return null;
            }

            literals[i] = JsonEncodedText.Encode(part.Literal, _encoder).EncodedUtf8Bytes.ToArray();
        }

        return literals;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool HasSurrogates(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (char.IsSurrogate(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>"yyyy-MM-dd"</c>, as the writer gets it from <see cref="DateOnly.ToString(string, IFormatProvider)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Date(DateOnly date)
    {
        Span<char> text = stackalloc char[10];
        date.TryFormat(text, out _, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Append((byte)'"');
        AppendAscii(text);
        Append((byte)'"');
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AppendAscii(ReadOnlySpan<char> text)
    {
        Reserve(text.Length);
        var destination = _buffer.AsSpan(_length, text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            destination[i] = (byte)text[i];
        }

        _length += text.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Append(byte value)
    {
        Reserve(1);
        _buffer[_length++] = value;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Append(ReadOnlySpan<byte> bytes)
    {
        Reserve(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Reserve(int bytes)
    {
        if (_length + bytes > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + bytes));
        }
    }
}
