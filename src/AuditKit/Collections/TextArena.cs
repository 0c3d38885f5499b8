namespace AuditKit.Collections;

/// <summary>
/// Many short texts kept in a few large blocks of characters instead of a string each. A run keeps an audit id and
/// a case reference for each of hundreds of thousands of audits until it writes its outputs; as strings, every one
/// of them would be copied by each collection that moves it to an older generation, and those pauses stop reading.
/// </summary>
/// <remarks>Texts are added and never removed. Adding is for one thread; reading, once adding is done, for any.</remarks>
internal sealed class TextArena
{
    // Characters per block: 512 KB, so that each block goes straight to the large object heap and is never copied.
    private const int BlockSize = 1 << 18;

    private readonly List<char[]> _blocks = [];
    private char[] _current = [];
    private int _used;

    /// <summary>Keeps a copy of <paramref name="text"/> and says where it is.</summary>
    public ArenaText Add(ReadOnlySpan<char> text)
    {
        if (text.Length > _current.Length - _used)
        {
            _current = new char[Math.Max(BlockSize, text.Length)];
            _blocks.Add(_current);
            _used = 0;
        }

        text.CopyTo(_current.AsSpan(_used));
        var added = new ArenaText(_blocks.Count - 1, _used, text.Length);
        _used += text.Length;
        return added;
    }

    /// <summary>The characters of a text added here.</summary>
    public ReadOnlySpan<char> this[ArenaText text] => _blocks[text.Block].AsSpan(text.Start, text.Length);

    /// <summary>A text added here, as a string of its own.</summary>
    public string ToString(ArenaText text) => new(this[text]);
}

/// <summary>Where a text is in a <see cref="TextArena"/>.</summary>
internal readonly record struct ArenaText(int Block, int Start, int Length);
