using System.Runtime.CompilerServices;

namespace AuditKit.Submissions;

/// <summary>
/// Header maps by source and header list instance: every row of a source shares one header list, so its
/// map is worked out once. Bounded, in case a source gives rows many different headers (JSON with varying keys).
/// </summary>
internal sealed class HeaderMapCache(TemplateColumns columns)
{
    private const int MaxEntries = 1024;

    private readonly Dictionary<Key, HeaderMap> _maps = new(KeyComparer.Instance);
    private IReadOnlyList<string>? _lastHeader;
    private string? _lastSource;
    private HeaderMap? _lastMap;

    /// <summary>The map for <paramref name="record"/>'s header; <paramref name="isNew"/> is true the first time it is seen.</summary>
    public HeaderMap For(RawRecord record, out bool isNew)
    {
        isNew = false;
        if (_lastMap is not null && ReferenceEquals(record.Header, _lastHeader) && string.Equals(record.Source, _lastSource, StringComparison.Ordinal))
        {
            return _lastMap;
        }

        var key = new Key(record.Header, record.Source);
        if (!_maps.TryGetValue(key, out var map))
        {
            if (_maps.Count >= MaxEntries)
            {
                _maps.Clear();
            }

            map = HeaderMap.Build(columns, record.Header, record.Source);
            _maps.Add(key, map);
            isNew = true;
        }

        _lastHeader = record.Header;
        _lastSource = record.Source;
        _lastMap = map;
        return map;
    }

    private readonly record struct Key(IReadOnlyList<string> Header, string Source);

    private sealed class KeyComparer : IEqualityComparer<Key>
    {
        public static readonly KeyComparer Instance = new();

        public bool Equals(Key x, Key y) =>
            ReferenceEquals(x.Header, y.Header) && string.Equals(x.Source, y.Source, StringComparison.Ordinal);

        public int GetHashCode(Key key) =>
            HashCode.Combine(RuntimeHelpers.GetHashCode(key.Header), StringComparer.Ordinal.GetHashCode(key.Source));
    }
}
