using AuditKit.Calendar;
using AuditKit.Evaluation;
using AuditKit.Synthesis;
using AuditKit.Templates;
using AuditKit.Tests.Templates;

namespace AuditKit.Tests.Support;

/// <summary>The test copy of the quality-of-practice template, compiled, and synthetic audits for it as CSV.</summary>
internal static class SyntheticAudits
{
    /// <summary><c>TestData/Templates/valid/templates/quality-of-practice.yaml</c> with its extra rule sets, compiled.</summary>
    public static CompiledRuleSet QualityOfPractice()
    {
        var template = TemplateLoader.Load(
            TemplateTestData.PathOf("Templates/valid/templates/quality-of-practice.yaml"),
            [TemplateTestData.PathOf("Templates/valid/extra-rules")]).Value!;
        return RuleSetCompiler.Compile(template, EnglandAndWalesCalendar.Default).Value!;
    }

    /// <summary>
    /// <paramref name="count"/> synthetic audits as CSV text (header first, <c>\n</c> between rows). <paramref name="edit"/>,
    /// when given, may change each data row's cells: it gets the row's position (0 for the first audit), its cells,
    /// and the position of a column by name.
    /// </summary>
    public static string Csv(AuditTemplate template, int count, int seed, Action<int, string[], Func<string, int>>? edit = null)
    {
        var csv = new StringWriter();
        new SubmissionSynthesizer().Write(template, new SynthesisOptions(count, seed), csv);
        var lines = csv.ToString().TrimEnd().Split('\n').Select(line => line.TrimEnd('\r')).ToArray();
        if (edit is null)
        {
            return string.Join('\n', lines);
        }

        var header = lines[0].Split(',');
        int Column(string name) => Array.IndexOf(header, name);
        return string.Join('\n', [lines[0], .. lines.Skip(1).Select((line, row) =>
        {
            var cells = line.Split(',');
            edit(row, cells, Column);
            return string.Join(',', cells);
        })]);
    }
}
