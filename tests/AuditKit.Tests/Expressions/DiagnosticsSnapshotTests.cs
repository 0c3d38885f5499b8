using System.Text;
using AuditKit.Diagnostics;
using AuditKit.Evaluation;
using AuditKit.Expressions;
using AuditKit.Templates;
using AuditKit.Tests.Support;

namespace AuditKit.Tests.Expressions;

public sealed class DiagnosticsSnapshotTests
{
    [Fact]
    public void Check_BrokenExpressionsFile_MatchesSnapshot()
    {
        // Arrange: each line is a criterion condition; lines are located as line N of the file, from column 1.
        var layout = new CaseLayout(new TemplateBuilder()
            .Fact("child_age", FactType.Number)
            .Fact("visit_date", FactType.Date)
            .Criterion("child_seen_alone")
            .Build());
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", "Expressions", "broken-expressions.txt");
        var lines = File.ReadAllLines(path);
        var output = new StringBuilder();

        // Act
        for (var i = 0; i < lines.Length; i++)
        {
            var bag = new DiagnosticBag();
            var tree = ExpressionChecker.Check(ExpressionSource.Inline(lines[i], "broken-expressions.txt", i + 1), layout.CriterionNames, bag, "met_when");
            tree.ShouldBeNull($"line {i + 1} should be broken: {lines[i]}");
            bag.Count.ShouldBeGreaterThan(0);
            foreach (var diagnostic in bag.ToImmutableSorted())
            {
                output.Append(diagnostic).Append('\n');
            }
        }

        // Assert
        Snapshot.Match(output.ToString(), "broken-expressions");
    }
}
