namespace AuditKit.Templates.Yaml;

/// <summary>
/// Tabs used to indent YAML, which the language forbids (only spaces indent) and which the YAML parser reports at a
/// place of its own (often line 1, column 1, or the line before). Looked for when a file fails to parse, so that the
/// message points at each line indented with a tab.
/// </summary>
internal static class TabIndentation
{
    /// <summary>The 1-based line and column of the first tab in the indentation of each line that holds more than white space.</summary>
    public static IReadOnlyList<(int Line, int Column)> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<(int, int)>();
        var line = 1;
        var start = 0;
        while (start <= text.Length)
        {
            var end = text.IndexOfAny(['\n', '\r'], start);
            if (end < 0)
            {
                end = text.Length;
            }

            var content = text.AsSpan(start, end - start);
            var indent = content.IndexOfAnyExcept(' ', '\t');
            if (indent > 0 && content[..indent].IndexOf('\t') is var tab and >= 0)
            {
                found.Add((line, tab + 1));
            }

            if (end == text.Length)
            {
                break;
            }

            start = end + (text[end] == '\r' && end + 1 < text.Length && text[end + 1] == '\n' ? 2 : 1);
            line++;
        }

        return found;
    }
}
