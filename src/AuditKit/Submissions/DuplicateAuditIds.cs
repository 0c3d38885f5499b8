using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace AuditKit.Submissions;

/// <summary>
/// Remembers which audit ids a batch has accepted, across every source, to tell a repeated row apart
/// from a clash of ids.
/// </summary>
/// <remarks>
/// To keep memory small over a large batch, it keeps per audit id only a 128-bit content hash (the first
/// 16 bytes of a SHA-256) and where the id was first accepted (source and row), never the row itself.
/// The content hashed is every non-blank cell with its column name, columns taken in name order (names
/// compared case-insensitively, cells trimmed), so two rows are "identical" when every cell is equal,
/// whatever the column order and whichever file they came from; a column left out reads the same as a
/// blank cell. Two different rows share a hash with a chance of about 2^-128 per pair, which is ignored.
/// Audit ids are compared case-insensitively after trimming.
/// </remarks>
internal sealed class DuplicateAuditIds
{
    private readonly Dictionary<string, FirstUse> _seen = new(StringComparer.OrdinalIgnoreCase);
    private byte[] _bytes = new byte[4096];
    private int _length;

    /// <summary>How many distinct audit ids are held.</summary>
    public int Count => _seen.Count;

    public bool TryGetFirst(string auditId, out FirstUse first) => _seen.TryGetValue(auditId, out first);

    public void Add(string auditId, UInt128 hash, string source, int row) => _seen.TryAdd(auditId, new FirstUse(hash, source, row));

    /// <summary>The content hash of one row, as described on the class.</summary>
    public UInt128 Hash(RawRecord record, HeaderMap map)
    {
        _length = 0;
        var cells = record.Cells;
        foreach (var column in map.HashOrder)
        {
            if (column >= cells.Length)
            {
                continue;
            }

            var cell = cells[column].AsSpan().Trim();
            if (cell.IsEmpty)
            {
                continue;
            }

            Write(map.HashNames[column]);
            WriteByte(0x1F);
            Write(cell);
            WriteByte(0x1E);
        }

        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(_bytes.AsSpan(0, _length), digest);
        return BinaryPrimitives.ReadUInt128LittleEndian(digest);
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_bytes.AsSpan(_length));
        _length += bytes.Length;
    }

    private void Write(ReadOnlySpan<char> text)
    {
        Ensure(Encoding.UTF8.GetMaxByteCount(text.Length));
        _length += Encoding.UTF8.GetBytes(text, _bytes.AsSpan(_length));
    }

    private void WriteByte(byte value)
    {
        Ensure(1);
        _bytes[_length++] = value;
    }

    private void Ensure(int more)
    {
        if (_length + more > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _length + more));
        }
    }

    /// <summary>Where an audit id was first accepted, and the hash of that row's content.</summary>
    public readonly record struct FirstUse(UInt128 Hash, string Source, int Row);
}
