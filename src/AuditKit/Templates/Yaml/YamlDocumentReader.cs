using AuditKit.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AuditKit.Templates.Yaml;

/// <summary>Parses the text of a template or rule set file into its root mapping, reporting syntax problems.</summary>
internal static class YamlDocumentReader
{
    /// <summary>The root mapping, or null when the file is empty, not valid YAML or not a mapping.</summary>
    /// <param name="what">"template" or "rule set", for the message about an empty file.</param>
    public static YamlMappingNode? ReadRoot(YamlSource source, DiagnosticBag bag, string what)
    {
        var stream = new YamlStream();
        var parser = new GuardedParser(new Parser(new StringReader(source.Text)), source, bag);
        try
        {
            stream.Load(parser);
        }
        catch (NestingTooDeepException e)
        {
            bag.Add(Messages.Templates.TooDeep(source.At(e.At), GuardedParser.MaxDepth));
            return null;
        }
        catch (YamlException e)
        {
            if (!ReportTabs(source, bag))
            {
                bag.Add(Messages.Templates.Syntax(source.At(e.Start), e.Message));
            }

            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException
            or FormatException or OverflowException or KeyNotFoundException or NullReferenceException)
        {
            // The YAML library fails this way on some malformed text without naming a place: report it after the
            // last part that was read correctly.
            if (!ReportTabs(source, bag))
            {
                bag.Add(Messages.Templates.SyntaxNoDetail(source.At(parser.LastEnd)));
            }

            return null;
        }

        if (stream.Documents.Count == 0)
        {
            bag.Add(Messages.Templates.EmptyFile(source.FileStart, what));
            return null;
        }

        var root = stream.Documents[0].RootNode;
        switch (root)
        {
            case YamlMappingNode mapping:
                return mapping;
            case YamlScalarNode scalar when YamlValues.IsNull(scalar):
                bag.Add(Messages.Templates.EmptyFile(source.At(root), what));
                return null;
            default:
                bag.Add(Messages.Templates.RootNotMapping(source.At(root), YamlValues.Describe(root)));
                return null;
        }
    }

    /// <summary>
    /// A file that failed to parse and has lines indented with tabs: each such line is reported at its tab (the
    /// parser names another place, often 1:1), instead of the parser's message. False when there are none.
    /// </summary>
    private static bool ReportTabs(YamlSource source, DiagnosticBag bag)
    {
        var tabs = TabIndentation.Find(source.Text);
        foreach (var (line, column) in tabs)
        {
            bag.Add(Messages.Templates.TabIndent(new SourceLocation(source.Path, line, column)));
        }

        return tabs.Count > 0;
    }
}
