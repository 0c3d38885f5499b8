namespace AuditKit.Collections;

/// <summary>
/// A list that grows by whole chunks instead of copying itself into one twice the size: a run appends hundreds of
/// thousands of small records, and each copy of a growing array is a fresh large object, new memory to touch and
/// work for the collector.
/// </summary>
/// <remarks>Adding is for one thread; reading, once adding is done, for any.</remarks>
internal sealed class ChunkedList<T>
{
    private const int ChunkShift = 14;
    private const int ChunkSize = 1 << ChunkShift;

    private readonly List<T[]> _chunks = [];

    public int Count { get; private set; }

    public T this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            return _chunks[index >> ChunkShift][index & (ChunkSize - 1)];
        }
    }

    /// <summary>The items in one array, copied a chunk at a time.</summary>
    public T[] ToArray()
    {
        var items = new T[Count];
        for (var chunk = 0; chunk < _chunks.Count; chunk++)
        {
            var start = chunk << ChunkShift;
            _chunks[chunk].AsSpan(0, Math.Min(ChunkSize, Count - start)).CopyTo(items.AsSpan(start));
        }

        return items;
    }

    public void Add(T item)
    {
        var offset = Count & (ChunkSize - 1);
        if (offset == 0)
        {
            _chunks.Add(new T[ChunkSize]);
        }

        _chunks[^1][offset] = item;
        Count++;
    }
}
