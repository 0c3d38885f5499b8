using AuditKit.Diagnostics;
using AuditKit.Evaluation;
using AuditKit.Expressions;
using AuditKit.Templates;
using AuditKit.Tests.Support;
using static AuditKit.Tests.Expressions.ExpressionHarness;

namespace AuditKit.Tests.Expressions;

public sealed class TypeCheckerTests
{
    private static readonly CaseLayout Layout = new(new TemplateBuilder()
        .Fact("child_age", FactType.Number)
        .Fact("visit_date", FactType.Date)
        .Criterion("child_seen_alone")
        .Build());

    [Theory]
    [InlineData("n + m", ExprType.Number)]
    [InlineData("d + 1", ExprType.Date)]
    [InlineData("d - n", ExprType.Date)]
    [InlineData("t = u", ExprType.Bool)]
    [InlineData("lower(t)", ExprType.Text)]
    [InlineData("if(b, d, e)", ExprType.Date)]
    [InlineData("days_between(d, e)", ExprType.Number)]
    [InlineData("max(d, e)", ExprType.Date)]
    [InlineData("date('2026-01-31')", ExprType.Date)]
    [InlineData("t in ['a', u]", ExprType.Bool)]
    [InlineData("is_blank(d)", ExprType.Bool)]
    public void Check_WellTyped_GivesType(string text, ExprType type)
    {
        var (tree, diagnostics) = Check(text);

        diagnostics.ShouldBeEmpty();
        tree!.Type.ShouldBe(type);
    }

    [Theory]
    [InlineData("n = 'four'", "AK2014", 3, "Cannot compare number with text; '=' needs the same type on both sides.")]
    [InlineData("t < 'b'", "AK2018", 3, "Cannot use '<' on text; only numbers and dates can be ordered (use = or != for text).")]
    [InlineData("b >= c", "AK2018", 3, "Cannot use '>=' on true/false; only numbers and dates can be ordered (use = or != for true/false).")]
    [InlineData("d > 5", "AK2014", 3, "Cannot compare date with number; '>' needs the same type on both sides.")]
    [InlineData("n and b", "AK2015", 1, "'and' needs true/false on its left side, but it is a number.")]
    [InlineData("b or t", "AK2015", 6, "'or' needs true/false on its right side, but it is text.")]
    [InlineData("not n", "AK2015", 5, "'not' needs true/false on its right side, but it is a number.")]
    [InlineData("-t", "AK2015", 2, "'-' needs a number on its right side, but it is text.")]
    [InlineData("t + 1", "AK2015", 1, "'+' needs a number or a date on its left side, but it is text.")]
    [InlineData("d + e", "AK2015", 5, "'+' needs a number of days on its right side, but it is a date.")]
    [InlineData("e - d", "AK2022", 3, "Cannot subtract a date from a date; use days_between(d1, d2) or working_days_between(d1, d2).")]
    [InlineData("n * t", "AK2015", 5, "'*' needs a number on its right side, but it is text.")]
    [InlineData("n in [1, 'two']", "AK2025", 10, "Every value in the list must be a number like the value before 'in', but this one is text.")]
    [InlineData("coalesce(n, t)", "AK2024", 13, "Both values of 'coalesce' must have the same type, but one is a number and the other text.")]
    [InlineData("if(n, 1, 2)", "AK2017", 4, "Argument 1 of 'if' must be true/false, but it is a number.")]
    [InlineData("days_between(d, n)", "AK2017", 17, "Argument 2 of 'days_between' must be a date, but it is a number.")]
    [InlineData("length(n)", "AK2017", 8, "Argument 1 of 'length' must be text, but it is a number.")]
    [InlineData("min(t, u)", "AK2017", 5, "Argument 1 of 'min' must be a number or a date, but it is text.")]
    [InlineData("contains(t)", "AK2013", 1, "'contains' takes 2 arguments, but 1 argument was given.")]
    [InlineData("is_blank(n, m)", "AK2013", 1, "'is_blank' takes 1 argument, but 2 arguments were given.")]
    [InlineData("if()", "AK2013", 1, "'if' takes 3 arguments, but 0 arguments were given.")]
    [InlineData("coalese(n, m)", "AK2012", 1, "Unknown function 'coalese'. Did you mean 'coalesce'?")]
    [InlineData("sqrt(n)", "AK2012", 1, "Unknown function 'sqrt'.")]
    [InlineData("n(1)", "AK2023", 1, "'n' is a name, not a function; remove the brackets after it.")]
    [InlineData("is_blank = true", "AK2026", 1, "'is_blank' is a function; call it with brackets, for example is_blank(...).")]
    [InlineData("d > date('2026-02-30')", "AK2008", 10, "'2026-02-30' is not a date; write date('YYYY-MM-DD'), for example date('2026-01-31').")]
    [InlineData("d > date('31/01/2026')", "AK2008", 10, "'31/01/2026' is not a date; write date('YYYY-MM-DD'), for example date('2026-01-31').")]
    [InlineData("d > date(t)", "AK2020", 10, "date(...) takes the date as quoted text, for example date('2026-01-31').")]
    public void Check_Mistake_ReportsAtOffendingToken(string text, string code, int column, string message)
    {
        var diagnostic = Error(text);

        diagnostic.Code.ShouldBe(code);
        diagnostic.Location.Column.ShouldBe(column);
        diagnostic.Message.ShouldBe(message);
    }

    [Fact]
    public void Check_ConditionThatIsNotTrueFalse_IsReported()
    {
        var diagnostic = Error("n + 1", "met_when");

        diagnostic.Code.ShouldBe("AK2016");
        diagnostic.Message.ShouldBe("'met_when' must be true or false, but this expression gives a number.");
    }

    [Fact]
    public void Check_SeveralMistakes_ReportsEachOnce()
    {
        var (tree, diagnostics) = Check("x = 1 and t < 'a' or n = 'b' and (n + t) > 1");

        tree.ShouldBeNull();
        diagnostics.Select(d => (d.Code, d.Location.Column)).ShouldBe([("AK2010", 1), ("AK2018", 13), ("AK2014", 24), ("AK2015", 39)]);
    }

    [Fact]
    public void Check_MisspeltFact_SuggestsIt()
    {
        var diagnostic = CheckIn(Layout.CriterionNames, "chld_age >= 4 or is_blank(child_age)").ShouldHaveSingleItem();

        diagnostic.ToString().ShouldBe("<inline>:1:1: error AK2010: Unknown name 'chld_age'. Did you mean 'child_age'?");
    }

    [Theory]
    [InlineData("Grading", "grade = 'Good'", "'grade' can only be used in case_actions.")]
    [InlineData("Criterion", "score > 0.5", "'score' can only be used in grading and case_actions.")]
    [InlineData("Grading", "answer = 'Yes'", "'answer' can only be used in criterion conditions (applies_when, met_when, partly_when).")]
    [InlineData("Criterion", "child_seen_alone = 'met'", "'child_seen_alone' is a criterion; a criterion's outcome can only be read in grading and case_actions.")]
    [InlineData("CaseAction", "rag = 'Red'", "'rag' can only be used in team_actions, service_actions, escalations for a team and escalations for the service.")]
    [InlineData("ServiceAction", "team = 'A'", "'team' can only be used in criterion conditions (applies_when, met_when, partly_when), grading, case_actions, team_actions, escalations for a team, escalations for an action and escalations for a re-audit.")]
    [InlineData("TeamAction", "red_teams > 1", "'red_teams' can only be used in service_actions and escalations for the service.")]
    public void Check_NameFromAnotherScope_SaysWhereItBelongs(string scopeName, string text, string message)
    {
        var scope = Enum.Parse<ExpressionScope>(scopeName);
        var names = scope switch
        {
            ExpressionScope.Criterion => Layout.CriterionNames,
            ExpressionScope.Grading => Layout.GradingNames,
            ExpressionScope.CaseAction => Layout.CaseActionNames,
            ExpressionScope.TeamAction => AggregateLayout.TeamNames(),
            _ => AggregateLayout.ServiceNames(),
        };

        var diagnostic = CheckIn(names, text).ShouldHaveSingleItem();

        diagnostic.Code.ShouldBeOneOf("AK2011", "AK2021");
        diagnostic.Message.ShouldBe(message);
    }

    [Fact]
    public void Check_CriterionIdInGrading_IsText()
    {
        var bag = new DiagnosticBag();

        var tree = ExpressionChecker.Check(ExpressionSource.Inline("child_seen_alone = 'not_met' and child_age < 4"), Layout.GradingNames, bag, "when");

        bag.Count.ShouldBe(0);
        tree.ShouldNotBeNull();
    }

    [Fact]
    public void Check_PositionInMultiLineSource_UsesSourceMap()
    {
        // "a +\n  'x'" as a YAML block scalar starting at line 7, column 9.
        var text = "n +\n  'x'";
        int[] lines = [7, 7, 7, 7, 8, 8, 8, 8, 8, 8];
        int[] columns = [9, 10, 11, 12, 9, 10, 11, 12, 13, 14];
        var bag = new DiagnosticBag();

        ExpressionChecker.Check(new ExpressionSource(text, "t.yaml", lines, columns), Table, bag, null).ShouldBeNull();

        bag.ToImmutableSorted().ShouldHaveSingleItem().Location.ShouldBe(new SourceLocation("t.yaml", 8, 11));
    }

    private static List<Diagnostic> CheckIn(NameTable names, string text)
    {
        var bag = new DiagnosticBag();
        ExpressionChecker.Check(ExpressionSource.Inline(text), names, bag, "when");
        return [.. bag.ToImmutableSorted()];
    }
}
