using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace AuditKit.Submissions;

/// <summary>
/// Remembers which audit ids a batch has accepted, across every source, to tell a repeated row apart
/// from a clash of ids.
/// </summary>
/// <remarks>
/// To keep memory small over a large batch, it keeps per audit id only a 128-bit content hash and where
/// the id was first accepted (source and row), never the row itself: about 40 bytes plus the id.
/// The content hashed is every non-blank cell with its column name, columns taken in name order (names
/// compared case-insensitively, cells trimmed), so two rows are "identical" when every cell is equal,
/// whatever the column order and whichever file they came from; a column left out reads the same as a
/// blank cell. The hash runs on every accepted row, so it is a fast non-cryptographic one (XXH128, from
/// System.IO.Hashing); hashes are only compared within one run. Two
/// different rows with the same audit id would be taken as identical only on a 128-bit hash collision,
/// which is ignored. Audit ids are compared case-insensitively after trimming.
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

    /// <summary>Adds an accepted row with what a moderation audit of it is checked against (see <see cref="FirstUse"/>).</summary>
    public void Add(string auditId, UInt128 hash, string source, int row, ulong caseKey, ulong auditorKey, bool isModeration) =>
        _seen.TryAdd(auditId, new FirstUse(hash, source, row, caseKey, auditorKey, isModeration));

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

            // Each part is written with its length first, so that no two different rows give the same bytes.
            var name = map.HashNames[column];
            WriteLength(name.Length);
            Write(name);
            WriteLength(cell.Length);
            Write(cell);
        }

        return XxHash128.HashToUInt128(_bytes.AsSpan(0, _length));
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_bytes.AsSpan(_length));
        _length += bytes.Length;
    }

    private void Write(ReadOnlySpan<char> text) => Write(MemoryMarshal.AsBytes(text));

    private void Write(string text) => Write(text.AsSpan());

    private void WriteLength(int length)
    {
        Ensure(sizeof(int));
        BinaryPrimitives.WriteInt32LittleEndian(_bytes.AsSpan(_length), length);
        _length += sizeof(int);
    }

    private void Ensure(int more)
    {
        if (_length + more > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _length + more));
        }
    }

    /// <summary>
    /// Where an audit id was first accepted, and the hash of that row's content; with keys of its case reference and
    /// auditor (<see cref="ModerationKeys"/>), and whether it is a moderation audit, so that a moderation audit later in the
    /// batch can be checked against it without keeping the row.
    /// </summary>
    public readonly record struct FirstUse(UInt128 Hash, string Source, int Row, ulong CaseKey = 0, ulong AuditorKey = 0, bool IsModeration = false);
}
