using AuditKit.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AuditKit.Templates.Yaml;

/// <summary>The text of one YAML file and the path to show in messages, with line and column lookups.</summary>
internal sealed class YamlSource
{
    private readonly int[] _lineStarts;

    public YamlSource(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(text);
        Path = path;
        Text = text;
        _lineStarts = LineStarts(text);
    }

    /// <summary>The path as the caller gave it, with '/' separators.</summary>
    public string Path { get; }

    public string Text { get; }

    public SourceLocation FileStart => new(Path, 1, 1);

    public SourceLocation At(Mark mark) => mark.Line > 0 ? new SourceLocation(Path, (int)mark.Line, (int)mark.Column) : FileStart;

    public SourceLocation At(YamlNode node) => At(node.Start);

    /// <summary>The 1-based line and column of a character index in <see cref="Text"/>.</summary>
    public (int Line, int Column) PositionOf(int index)
    {
        var i = Math.Clamp(index, 0, Text.Length);
        var line = Array.BinarySearch(_lineStarts, i);
        if (line < 0)
        {
            line = ~line - 1;
        }

        return (line + 1, i - _lineStarts[line] + 1);
    }

    public static string DisplayPath(string path) => path.Replace('\\', '/');

    private static int[] LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n' || (c == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
            {
                starts.Add(i + 1);
            }
        }

        return [.. starts];
    }
}
