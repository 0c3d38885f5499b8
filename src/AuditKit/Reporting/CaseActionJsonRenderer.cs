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

    // The fixed text between the values of an action, each ending where a value starts (after its opening quote for a
    // value that is always a string): `{ "id": "`, then `", "scope": "case", "team": "` and so on, with the writer's
    // new lines and indents.
    private readonly byte[] _beforeId;
    private readonly byte[] _beforeTeam;
    private readonly byte[] _beforeCaseRef;
    private readonly byte[] _beforeOwner;
    private readonly byte[] _beforeDue;
    private readonly byte[] _beforeEscalateTo;
    private readonly byte[] _beforeAuditId;
    private readonly string _nextProperty;
    private readonly string _objectEnd;

    // Per case action rule (by number): from after the case reference to the text's opening quote (with the
    // criterion), and from after the audit id to the end of the action (with the rule key).
    private readonly Dictionary<int, (byte[] BeforeText, byte[] AfterAuditId)> _rules = [];
    private readonly Dictionary<string, byte[]> _encoded = new(StringComparer.Ordinal);
    private readonly Dictionary<ActionTextParts, byte[][]?> _texts = new(ReferenceEqualityComparer.Instance);
    private readonly CaseActionParts _parts = new();
    private readonly byte[] _due = new byte[10];
    private byte[] _buffer = new byte[1 << 20];
    private int _length;

    // The team of the last action rendered, escaped, and whether it or the action's case reference has surrogate
    // pairs; where the case reference's escaped bytes start in the buffer (for the text to copy); the last due date.
    private string? _teamName;
    private byte[] _team = [];
    private bool _teamHasSurrogates;
    private bool _hasSurrogates;
    private int _caseRefStart;
    private int _caseRefLength;
    private int _dueDay = int.MinValue;

    public CaseActionJsonRenderer()
    {
        var options = SummaryJsonWriter.WriterOptions;
        var newLine = options.NewLine;
        var indent = options.IndentCharacter;
        var size = options.IndentSize;
        var objectStart = newLine + new string(indent, 2 * size) + "{";
        var firstProperty = newLine + new string(indent, 3 * size) + "\"";
        _nextProperty = "," + newLine + new string(indent, 3 * size) + "\"";
        _objectEnd = newLine + new string(indent, 2 * size) + "}";
        _beforeId = Encoding.UTF8.GetBytes(objectStart + firstProperty + "id\": \"");
        _beforeTeam = Encoding.UTF8.GetBytes("\"" + _nextProperty + "scope\": \"case\"" + _nextProperty + "team\": \"");
        _beforeCaseRef = Encoding.UTF8.GetBytes("\"" + _nextProperty + "case_ref\": \"");
        _beforeOwner = Encoding.UTF8.GetBytes("\"" + _nextProperty + "owner\": \"");
        _beforeDue = Encoding.UTF8.GetBytes("\"" + _nextProperty + "due\": \"");
        _beforeEscalateTo = Encoding.UTF8.GetBytes("\"" + _nextProperty + "escalate_to\": ");
        _beforeAuditId = Encoding.UTF8.GetBytes(_nextProperty + "audit_id\": \"");
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
        if (!ReferenceEquals(action.Team, _teamName))
        {
            _teamName = action.Team;
            _team = Encoded(action.Team);
            _teamHasSurrogates = HasSurrogates(action.Team);
        }

        _hasSurrogates = _teamHasSurrogates || HasSurrogates(action.CaseRef);

        if (!_rules.TryGetValue(action.Rule, out var rule))
        {
            rule = RuleParts(action);
            _rules.Add(action.Rule, rule);
        }

        Append(_beforeId);
        AppendAscii(action.Id);
        Append(_beforeTeam);
        Append(_team);
        Append(_beforeCaseRef);
        _caseRefStart = _length;
        Escaped(action.CaseRef);
        _caseRefLength = _length - _caseRefStart;
        Append(rule.BeforeText);
        Text(action);
        Append(_beforeOwner);
        Append(Encoded(action.Owner));
        Append(_beforeDue);
        Append(Due(action.Due));
        Append(_beforeEscalateTo);
        if (action.EscalateTo is null)
        {
            Append("null"u8);
        }
        else
        {
            Append((byte)'"');
            Append(Encoded(action.EscalateTo));
            Append((byte)'"');
        }

        Append(_beforeAuditId);
        Escaped(action.AuditId);
        Append(rule.AfterAuditId);
    }

    /// <summary>What comes between the case reference and the text, and after the audit id, for the action's rule.</summary>
    private (byte[] BeforeText, byte[] AfterAuditId) RuleParts(CaseActionParts action)
    {
        var criterion = action.Criterion is null ? "null" : "\"" + Encoding.UTF8.GetString(Encoded(action.Criterion)) + "\"";
        var beforeText = "\"" + _nextProperty + "criterion\": " + criterion + _nextProperty + "action\": \"";
        var afterAuditId = "\"" + _nextProperty + "rule\": \"" + Encoding.UTF8.GetString(Encoded(action.RuleKey)) + "\"" + _objectEnd;
        return (Encoding.UTF8.GetBytes(beforeText), Encoding.UTF8.GetBytes(afterAuditId));
    }

    /// <summary>A value that repeats across actions (a team, owner, criterion or rule key), escaped once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private byte[] Encoded(string value)
    {
        if (!_encoded.TryGetValue(value, out var bytes))
        {
            bytes = JsonEncodedText.Encode(value, _encoder).EncodedUtf8Bytes.ToArray();
            _encoded.Add(value, bytes);
        }

        return bytes;
    }

    /// <summary><c>yyyy-MM-dd</c>, as the writer gets it from <see cref="DateOnly.ToString(string, IFormatProvider)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private byte[] Due(DateOnly date)
    {
        if (date.DayNumber != _dueDay)
        {
            _dueDay = date.DayNumber;
            Span<char> text = stackalloc char[10];
            date.TryFormat(text, out _, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            for (var i = 0; i < text.Length; i++)
            {
                _due[i] = (byte)text[i];
            }
        }

        return _due;
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

        if (literals is null || _hasSurrogates)
        {
            Escaped(action.Text);
            return;
        }

        for (var i = 0; i < parts.Parts.Length; i++)
        {
            switch (parts.Parts[i].Slot)
            {
                case ActionTextParts.Slot.Team:
                    Append(_team);
                    break;
                case ActionTextParts.Slot.CaseRef:
                    // The case reference as escaped for "case_ref" a moment ago.
                    Reserve(_caseRefLength);
                    _buffer.AsSpan(_caseRefStart, _caseRefLength).CopyTo(_buffer.AsSpan(_length));
                    _length += _caseRefLength;
                    break;
                default:
                    Append(literals[i]);
                    break;
            }
        }
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
