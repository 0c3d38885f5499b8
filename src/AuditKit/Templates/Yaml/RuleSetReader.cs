using AuditKit.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace AuditKit.Templates.Yaml;

/// <summary>Reads a rule set file's keys.</summary>
internal static class RuleSetReader
{
    public static RuleSet Read(YamlSource source, YamlMappingNode root, DiagnosticBag bag)
    {
        var reader = MappingReader.Open(root, source, bag, "the rule set", Keys.RuleSet);
        var id = reader.Scalar("id", required: true);
        if (id is not null)
        {
            var fileName = Path.GetFileNameWithoutExtension(source.Path);
            if (!ReservedNames.IsFileId(id))
            {
                bag.Add(Messages.Templates.BadTemplateOrRuleSetId(reader.ValueAt("id"), "rule set", id));
            }
            else if (!string.Equals(id, fileName, StringComparison.Ordinal))
            {
                bag.Add(Messages.Templates.RuleSetIdMismatch(reader.ValueAt("id"), id, Path.GetFileName(source.Path)));
            }
        }

        var origin = id ?? string.Empty;
        return new RuleSet
        {
            Id = origin,
            Rules = RuleBookReader.Read(reader, origin),
            SourcePath = source.Path,
            SourceText = source.Text,
            Location = reader.Location,
        };
    }
}
