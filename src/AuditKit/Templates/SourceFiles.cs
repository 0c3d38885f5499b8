using System.Security;
using AuditKit.Diagnostics;

namespace AuditKit.Templates;

/// <summary>Reads template and rule set files, turning I/O failures into diagnostics.</summary>
internal static class SourceFiles
{
    /// <summary>The file's text (a byte order mark is dropped), or null after reporting why it could not be read.</summary>
    public static string? TryRead(string path, string display, DiagnosticBag bag)
    {
        try
        {
            if (!File.Exists(path))
            {
                bag.Add(Directory.Exists(path)
                    ? Messages.Templates.FileUnreadable(display, "it is a folder.")
                    : Messages.Templates.FileMissing(display));
                return null;
            }

            return Text.SourceEncoding.Decode(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SecurityException or NotSupportedException or ArgumentException)
        {
            bag.Add(Messages.Templates.FileUnreadable(display, e.GetType().Name + "."));
            return null;
        }
    }

    /// <summary>
    /// Joins path parts with '/' and resolves '.' and '..' by text (so 'templates/../rules/x.yaml' reads 'rules/x.yaml'),
    /// keeping a relative path relative.
    /// </summary>
    public static string Join(params string[] parts)
    {
        var segments = new List<string>();
        var rooted = false;
        foreach (var part in parts)
        {
            var normal = part.Replace('\\', '/');
            if (normal.Length == 0)
            {
                continue;
            }

            if (normal.StartsWith('/'))
            {
                segments.Clear();
                rooted = true;
            }

            foreach (var segment in normal.Split('/'))
            {
                if (segment.Length == 0 || segment == ".")
                {
                    continue;
                }

                if (segment == ".." && segments.Count > 0 && segments[^1] != "..")
                {
                    segments.RemoveAt(segments.Count - 1);
                    continue;
                }

                if (segment == ".." && rooted)
                {
                    continue;
                }

                segments.Add(segment);
            }
        }

        var joined = string.Join('/', segments);
        return rooted ? "/" + joined : joined.Length == 0 ? "." : joined;
    }
}
