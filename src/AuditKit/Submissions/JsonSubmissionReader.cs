using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using AuditKit.Diagnostics;

namespace AuditKit.Submissions;

/// <summary>
/// Reads submissions from a JSON array of objects whose keys are the column names. The array is read
/// one item at a time from the stream (only the current item is held in memory), so a very large file
/// is fine.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Strings are kept as written (blank or whitespace-only read as null); numbers as their invariant
/// text (<c>12</c>, <c>12.5</c>); <c>true</c>/<c>false</c> as that text; <c>null</c> as null.</item>
/// <item>Row numbers are the array index + 1 ("item 1" is the first object).</item>
/// <item>Bad input never throws. An item that is not an object, or that holds a list or an object as a value,
/// is returned with <see cref="RawRecord.ReadProblem"/> set. Malformed JSON gives one such record for the
/// item where reading stopped, and ends the source. A file that is not an array gives one record with
/// row 0 (the file as a whole). An empty file gives no records.</item>
/// <item>Items with the same keys in the same order share one header list instance.</item>
/// </list>
/// </remarks>
public static class JsonSubmissionReader
{
    /// <summary>The largest single item read; a bigger one stops the source with a read problem.</summary>
    public const int MaxItemBytes = 16 * 1024 * 1024;

    /// <summary>Reads the records of one JSON source. The caller owns (and disposes) <paramref name="stream"/>.</summary>
    public static IEnumerable<RawRecord> Read(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        return ReadRecords(stream, sourceName);
    }

    private static IEnumerable<RawRecord> ReadRecords(Stream stream, string sourceName)
    {
        var scanner = new JsonArrayScanner(stream, sourceName);
        while (scanner.TryNext(out var record))
        {
            yield return record;
        }
    }

    private sealed class JsonArrayScanner(Stream stream, string source)
    {
        private const int MaxHeaders = 256;
        private static readonly IReadOnlyList<string> NoHeader = Array.AsReadOnly(Array.Empty<string>());

        private readonly List<string> _keys = [];
        private readonly List<string?> _values = [];
        private readonly Dictionary<string, IReadOnlyList<string>> _headers = new(StringComparer.Ordinal);
        private readonly StringBuilder _headerKey = new();
        private byte[] _buffer = new byte[64 * 1024];
        private int _start;
        private int _end;
        private bool _final;
        private bool _done;
        private bool _inArray;
        private bool _closed;
        private bool _filled;
        private long _line = 1;
        private int _item;
        private JsonReaderState _state = new(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        private IReadOnlyList<string>? _lastHeader;

        public bool TryNext([NotNullWhen(true)] out RawRecord? record)
        {
            record = null;
            while (!_done)
            {
                if (_start == _end && !_final)
                {
                    Fill();
                    continue;
                }

                var outcome = Step(out var found);
                switch (outcome)
                {
                    case StepOutcome.Record:
                        record = found;
                        return record is not null;
                    case StepOutcome.NeedMore:
                        if (_final)
                        {
                            // The reader wanted more input at the end of the file.
                            _done = true;
                            if (_inArray && !_closed)
                            {
                                record = Problem(_item + 1, Messages.Submissions.JsonUnclosedArray);
                                return true;
                            }

                            return false;
                        }

                        if (_start == 0 && _end == _buffer.Length)
                        {
                            if (_buffer.Length >= MaxItemBytes)
                            {
                                _done = true;
                                record = Problem(_item + 1, Messages.Submissions.JsonItemTooLarge(MaxItemBytes / (1024 * 1024)));
                                return true;
                            }

                            Array.Resize(ref _buffer, _buffer.Length * 2);
                        }

                        Fill();
                        break;
                    case StepOutcome.Continue:
                        break;
                    case StepOutcome.End:
                        _done = true;
                        return false;
                }
            }

            return false;
        }

        private enum StepOutcome
        {
            Continue,
            NeedMore,
            Record,
            End,
        }

        private StepOutcome Step(out RawRecord? record)
        {
            record = null;
            var span = _buffer.AsSpan(_start, _end - _start);
            if (!_inArray && _final && span.Trim(" \t\r\n"u8).IsEmpty)
            {
                return StepOutcome.End; // an empty (or whitespace-only) file
            }

            var reader = new Utf8JsonReader(span, _final, _state);
            if (_closed)
            {
                return AfterArray(span, ref reader, out record);
            }

            try
            {
                if (!reader.Read())
                {
                    if (_final && !_inArray)
                    {
                        return StepOutcome.End; // an empty (or whitespace-only) file
                    }

                    return StepOutcome.NeedMore;
                }

                if (!_inArray)
                {
                    if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        _done = true;
                        record = Problem(0, reader.TokenType == JsonTokenType.StartObject ? Messages.Submissions.JsonObjectNotArray : Messages.Submissions.JsonNotArray);
                        return StepOutcome.Record;
                    }

                    _inArray = true;
                    Commit(span, ref reader);
                    return StepOutcome.Continue;
                }

                switch (reader.TokenType)
                {
                    case JsonTokenType.EndArray:
                        // Only white space and comments may follow: anything else is an error, never ignored.
                        Commit(span, ref reader);
                        _closed = true;
                        return StepOutcome.Continue;
                    case JsonTokenType.StartObject:
                    {
                        var itemStart = (int)reader.TokenStartIndex;
                        if (!reader.TrySkip())
                        {
                            return StepOutcome.NeedMore;
                        }

                        var itemBytes = span[itemStart..(int)reader.BytesConsumed];
                        _item++;
                        record = ReadObject(itemBytes, _item, _line + span[..itemStart].Count((byte)'\n'));
                        Commit(span, ref reader);
                        return StepOutcome.Record;
                    }

                    default:
                        if (!reader.TrySkip())
                        {
                            return StepOutcome.NeedMore;
                        }

                        _item++;
                        record = Problem(_item, Messages.Submissions.JsonItemNotObject(_item), _lastHeader);
                        Commit(span, ref reader);
                        return StepOutcome.Record;
                }
            }
            catch (JsonException)
            {
                var line = _line + span[..(int)Math.Min(reader.BytesConsumed, span.Length)].Count((byte)'\n');
                _done = true;
                record = Problem(_inArray ? _item + 1 : 0, Messages.Submissions.JsonMalformed(line), _lastHeader);
                return StepOutcome.Record;
            }
        }

        private StepOutcome AfterArray(ReadOnlySpan<byte> span, ref Utf8JsonReader reader, out RawRecord? record)
        {
            record = null;
            try
            {
                if (!reader.Read())
                {
                    return _final ? StepOutcome.End : StepOutcome.NeedMore;
                }
            }
            catch (JsonException)
            {
                // The reader refuses a second value, or text that is not JSON, after the array.
            }

            var line = _line + span[..(int)Math.Min(reader.BytesConsumed, span.Length)].Count((byte)'\n');
            _done = true;
            record = Problem(_item + 1, Messages.Submissions.JsonAfterArray(line), _lastHeader);
            return StepOutcome.Record;
        }

        private void Commit(ReadOnlySpan<byte> span, ref Utf8JsonReader reader)
        {
            var consumed = (int)reader.BytesConsumed;
            _line += span[..consumed].Count((byte)'\n');
            _start += consumed;
            _state = reader.CurrentState;
        }

        private RawRecord ReadObject(ReadOnlySpan<byte> bytes, int item, long line)
        {
            try
            {
                return ReadObjectValues(bytes, item);
            }
            catch (InvalidOperationException)
            {
                // GetString refuses invalid UTF-8 and lone surrogate escapes: this item is rejected, the rest go on.
                return Problem(item, Messages.Submissions.JsonInvalidText(line), _lastHeader);
            }
        }

        private RawRecord ReadObjectValues(ReadOnlySpan<byte> bytes, int item)
        {
            _keys.Clear();
            _values.Clear();
            string? problem = null;
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            reader.Read(); // the StartObject
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = reader.GetString() ?? string.Empty;
                reader.Read();
                string? value;
                switch (reader.TokenType)
                {
                    case JsonTokenType.String:
                        value = reader.GetString();
                        if (string.IsNullOrWhiteSpace(value))
                        {
                            value = null;
                        }

                        break;
                    case JsonTokenType.Number:
                        value = Encoding.UTF8.GetString(reader.ValueSpan);
                        break;
                    case JsonTokenType.True:
                        value = "true";
                        break;
                    case JsonTokenType.False:
                        value = "false";
                        break;
                    case JsonTokenType.Null:
                        value = null;
                        break;
                    default:
                        problem ??= Messages.Submissions.JsonNestedValue(key.Trim());
                        reader.Skip();
                        value = null;
                        break;
                }

                _keys.Add(key.Trim());
                _values.Add(value);
            }

            var header = HeaderFor(_keys);
            return new RawRecord(source, item, header, [.. _values]) { ReadProblem = problem };
        }

        /// <summary>One header instance per distinct key list, so that header checks run once per shape.</summary>
        private IReadOnlyList<string> HeaderFor(List<string> keys)
        {
            if (_lastHeader is not null && SameKeys(_lastHeader, keys))
            {
                return _lastHeader;
            }

            _headerKey.Clear();
            foreach (var key in keys)
            {
                _headerKey.Append(key).Append('\u001F');
            }

            var signature = _headerKey.ToString();
            if (!_headers.TryGetValue(signature, out var header))
            {
                if (_headers.Count >= MaxHeaders)
                {
                    _headers.Clear();
                }

                header = Array.AsReadOnly(keys.ToArray());
                _headers.Add(signature, header);
            }

            _lastHeader = header;
            return header;
        }

        private static bool SameKeys(IReadOnlyList<string> header, List<string> keys)
        {
            if (header.Count != keys.Count)
            {
                return false;
            }

            for (var i = 0; i < keys.Count; i++)
            {
                if (!string.Equals(header[i], keys[i], StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }

        private RawRecord Problem(int row, string problem, IReadOnlyList<string>? header = null) =>
            new(source, row, header ?? NoHeader, header is null ? [] : new string?[header.Count]) { ReadProblem = problem };

        private void Fill()
        {
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            if (!_filled)
            {
                _filled = true;

                // Nothing read yet: fill, then drop a UTF-8 byte order mark.
                int read;
                do
                {
                    read = stream.Read(_buffer, _end, _buffer.Length - _end);
                    _end += read;
                }
                while (read > 0 && _end < 3);

                _final = read == 0;
                if (_end >= 3 && _buffer[0] == 0xEF && _buffer[1] == 0xBB && _buffer[2] == 0xBF)
                {
                    _start = 3;
                }

                return;
            }

            var count = stream.Read(_buffer, _end, _buffer.Length - _end);
            _end += count;
            _final = count == 0;
        }
    }
}
