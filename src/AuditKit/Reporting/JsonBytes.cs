using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AuditKit.Reporting;

/// <summary>
/// A growing buffer of JSON text in UTF-8, for the writers of summary.json's long lists, which join pieces escaped
/// once with values escaped as they come: byte for byte what <see cref="Utf8JsonWriter"/> writes with
/// <see cref="SummaryJsonWriter.WriterOptions"/>.
/// </summary>
internal sealed class JsonBytes(int capacity)
{
    // Printable ASCII characters that the writer's encoder leaves as they are (found by asking the encoder itself).
    private static readonly bool[] Plain = FindPlainAscii();

    private byte[] _bytes = new byte[capacity];

    /// <summary>The encoder summary.json is escaped with.</summary>
    public static JavaScriptEncoder Encoder => SummaryJsonWriter.WriterOptions.Encoder ?? JavaScriptEncoder.Default;

    /// <summary>How many bytes are written; set to 0 to start again.</summary>
    public int Length { get; set; }

    /// <summary>The whole buffer, for a writer that reserves room and then copies into it itself.</summary>
    public byte[] Bytes => _bytes;

    public ReadOnlySpan<byte> Written => _bytes.AsSpan(0, Length);

    /// <summary>Whether the encoder leaves <paramref name="text"/> as it is: printable ASCII it does not escape.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool IsPlain(ReadOnlySpan<char> text)
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

    /// <summary>Makes room for <paramref name="count"/> more bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Reserve(int count)
    {
        if (Length + count > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, Length + count));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Append(byte value)
    {
        Reserve(1);
        _bytes[Length++] = value;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Append(ReadOnlySpan<byte> bytes)
    {
        Reserve(bytes.Length);
        bytes.CopyTo(_bytes.AsSpan(Length));
        Length += bytes.Length;
    }

    /// <summary>Appends text known to be ASCII, a byte for each character.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AppendAscii(ReadOnlySpan<char> text)
    {
        Reserve(text.Length);
        var destination = _bytes.AsSpan(Length, text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            destination[i] = (byte)text[i];
        }

        Length += text.Length;
    }

    /// <summary>Appends <paramref name="value"/> as the encoder escapes it; returns whether it was plain (copied as it is).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool AppendEscaped(ReadOnlySpan<char> value)
    {
        if (IsPlain(value))
        {
            AppendAscii(value);
            return true;
        }

        Append(JsonEncodedText.Encode(value, Encoder).EncodedUtf8Bytes);
        return false;
    }

    private static bool[] FindPlainAscii()
    {
        var plain = new bool[128];
        for (var c = ' '; c < 127; c++)
        {
            var text = c.ToString();
            plain[c] = JsonEncodedText.Encode(text, Encoder).Value == text;
        }

        return plain;
    }
}

/// <summary>Values that repeat across a list (teams, people, grades, criteria, rule keys), each escaped once.</summary>
internal sealed class EscapedValues
{
    private readonly Dictionary<string, byte[]> _escaped = new(StringComparer.Ordinal);

    public byte[] this[string value]
    {
        get
        {
            if (!_escaped.TryGetValue(value, out var bytes))
            {
                bytes = JsonEncodedText.Encode(value, JsonBytes.Encoder).EncodedUtf8Bytes.ToArray();
                _escaped.Add(value, bytes);
            }

            return bytes;
        }
    }
}
