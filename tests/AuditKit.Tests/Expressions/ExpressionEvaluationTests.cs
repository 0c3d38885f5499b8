using AuditKit.Expressions;
using static AuditKit.Tests.Expressions.ExpressionHarness;

namespace AuditKit.Tests.Expressions;

public sealed class ExpressionEvaluationTests
{
    public static TheoryData<string, string, string> TruthTable()
    {
        // left, right, expected for: and, or  (T = true, F = false, M = missing)
        var data = new TheoryData<string, string, string>();
        string[] values = ["T", "F", "M"];
        foreach (var l in values)
        {
            foreach (var r in values)
            {
                var and = l == "F" || r == "F" ? "F" : (l == "T" && r == "T" ? "T" : "M");
                var or = l == "T" || r == "T" ? "T" : (l == "F" && r == "F" ? "F" : "M");
                data.Add(l, r, and + or);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(TruthTable))]
    public void AndOr_ThreeValued_FollowTruthTable(string left, string right, string expected)
    {
        var b = Tri(left);
        var c = Tri(right);

        var and = Evaluate("b and c", ("b", b), ("c", c));
        var or = Evaluate("b or c", ("b", b), ("c", c));

        (Letter(and) + Letter(or)).ShouldBe(expected);
    }

    [Theory]
    [InlineData("T", "F")]
    [InlineData("F", "T")]
    [InlineData("M", "M")]
    public void Not_ThreeValued_FollowsTruthTable(string operand, string expected) =>
        Letter(Evaluate("not b", ("b", Tri(operand)))).ShouldBe(expected);

    [Fact]
    public void FalseAndMissing_IsFalse_TrueOrMissing_IsTrue()
    {
        Evaluate("false and b").ShouldBe(Value.False);
        Evaluate("true or b").ShouldBe(Value.True);
        Evaluate("b and false").ShouldBe(Value.False);
        Evaluate("b or true").ShouldBe(Value.True);
        Evaluate("true and b").ShouldBe(Value.Missing);
    }

    [Theory]
    [InlineData("n = 1")]
    [InlineData("n != 1")]
    [InlineData("n < 1")]
    [InlineData("n <= 1")]
    [InlineData("n > 1")]
    [InlineData("n >= 1")]
    [InlineData("1 = n")]
    [InlineData("t = 'x'")]
    [InlineData("t != 'x'")]
    [InlineData("b = true")]
    [InlineData("d < date('2026-01-01')")]
    [InlineData("t in ['a', 'b']")]
    [InlineData("contains(t, 'a')")]
    [InlineData("n + 1 > 0")]
    [InlineData("-n < 0")]
    public void Comparison_WithBlankSide_IsMissing(string text) => Evaluate(text).ShouldBe(Value.Missing);

    [Theory]
    [InlineData("3 = 3", true)]
    [InlineData("3 == 3", true)]
    [InlineData("3 != 3", false)]
    [InlineData("2 < 3", true)]
    [InlineData("3 < 3", false)]
    [InlineData("3 <= 3", true)]
    [InlineData("4 > 3", true)]
    [InlineData("3 >= 4", false)]
    [InlineData("0.1 + 0.2 = 0.3", true)]
    [InlineData("4 / 5 >= 0.8", true)]
    [InlineData("true = false", false)]
    [InlineData("true != false", true)]
    [InlineData("2 + 3 * 4 = 14", true)]
    [InlineData("(2 + 3) * 4 = 20", true)]
    [InlineData("10 - 4 - 3 = 3", true)]
    [InlineData("-2 * -3 = 6", true)]
    [InlineData("7 / 2 = 3.5", true)]
    [InlineData("not 1 = 2", true)]
    [InlineData("2 in [1, 2, 3]", true)]
    [InlineData("4 in [1, 2, 3]", false)]
    public void Literals_Evaluate(string text, bool expected) => Evaluate(text).ShouldBe(Value.FromBool(expected));

    [Theory]
    [InlineData("t = 'yes'")]
    [InlineData("t = 'YES'")]
    [InlineData("t in ['no', 'yes']")]
    [InlineData("contains(t, 'ES')")]
    [InlineData("lower(t) = 'yes'")]
    public void Text_Comparisons_IgnoreCase(string text) => Evaluate(text, ("t", T("Yes"))).ShouldBe(Value.True);

    [Fact]
    public void Text_WithEscapedQuote_Compares()
    {
        Evaluate("t = 'Child''s view'", ("t", T("child's view"))).ShouldBe(Value.True);
        Evaluate("t != 'Yes'", ("t", T("yes"))).ShouldBe(Value.False);
    }

    [Fact]
    public void In_WithBlankItem_IsMissingUnlessAnotherItemMatches()
    {
        Evaluate("t in ['a', u]", ("t", T("b"))).ShouldBe(Value.Missing);
        Evaluate("t in [u, 'b']", ("t", T("b"))).ShouldBe(Value.True);
        Evaluate("t in ['a', u]", ("t", T("b")), ("u", T("c"))).ShouldBe(Value.False);
    }

    [Fact]
    public void IsBlank_IsNeverMissing()
    {
        Evaluate("is_blank(n)").ShouldBe(Value.True);
        Evaluate("is_blank(n)", ("n", N(0))).ShouldBe(Value.False);
        Evaluate("is_blank(t)", ("t", T(""))).ShouldBe(Value.False);
        Evaluate("is_blank(b)").ShouldBe(Value.True);
        Evaluate("is_blank(d)", ("d", D(2026, 1, 1))).ShouldBe(Value.False);
        Evaluate("is_blank(n / 0)", ("n", N(1))).ShouldBe(Value.True);
    }

    [Fact]
    public void Coalesce_TakesFirstNonMissing()
    {
        Evaluate("coalesce(n, m)", ("m", N(2))).ShouldBe(N(2));
        Evaluate("coalesce(n, m)", ("n", N(1)), ("m", N(2))).ShouldBe(N(1));
        Evaluate("coalesce(n, m)").ShouldBe(Value.Missing);
        Evaluate("coalesce(t, 'none')").ShouldBe(T("none"));
        Evaluate("coalesce(b, false)").ShouldBe(Value.False);
        Evaluate("coalesce(d, e)", ("e", D(2026, 3, 1))).ShouldBe(D(2026, 3, 1));
    }

    [Fact]
    public void DaysBetween_IsSecondMinusFirst()
    {
        Evaluate("days_between(d, e)", ("d", D(2026, 1, 1)), ("e", D(2026, 1, 31))).ShouldBe(N(30));
        Evaluate("days_between(e, d)", ("d", D(2026, 1, 1)), ("e", D(2026, 1, 31))).ShouldBe(N(-30));
        Evaluate("days_between(d, e)", ("d", D(2026, 1, 1))).ShouldBe(Value.Missing);
    }

    [Fact]
    public void WorkingDaysBetween_UsesTheCalendar()
    {
        // Friday 2026-11-06 to Friday 2026-11-13: Monday to Friday = 5 working days.
        Evaluate("working_days_between(d, e)", ("d", D(2026, 11, 6)), ("e", D(2026, 11, 13))).ShouldBe(N(5));
        Evaluate("working_days_between(e, d)", ("d", D(2026, 11, 6)), ("e", D(2026, 11, 13))).ShouldBe(N(-5));
        Evaluate("working_days_between(d, e)", ("e", D(2026, 11, 13))).ShouldBe(Value.Missing);
    }

    [Fact]
    public void TextFunctions_Work()
    {
        Evaluate("lower(t)", ("t", T("MiXeD"))).ShouldBe(T("mixed"));
        Evaluate("length(t)", ("t", T("four"))).ShouldBe(N(4));
        Evaluate("length(t)").ShouldBe(Value.Missing);
        Evaluate("contains(t, u)", ("t", T("Strategy meeting held")), ("u", T("MEETING"))).ShouldBe(Value.True);
        Evaluate("contains(t, 'visit')", ("t", T("Strategy meeting"))).ShouldBe(Value.False);
        Evaluate("lower(t)").ShouldBe(Value.Missing);
    }

    [Fact]
    public void MinMax_WorkOnNumbersAndDates()
    {
        Evaluate("min(n, m)", ("n", N(3)), ("m", N(-1))).ShouldBe(N(-1));
        Evaluate("max(n, m)", ("n", N(3)), ("m", N(-1))).ShouldBe(N(3));
        Evaluate("max(d, e)", ("d", D(2026, 1, 1)), ("e", D(2025, 1, 1))).ShouldBe(D(2026, 1, 1));
        Evaluate("min(d, e)", ("d", D(2026, 1, 1)), ("e", D(2025, 1, 1))).ShouldBe(D(2025, 1, 1));
        Evaluate("min(n, m)", ("n", N(3))).ShouldBe(Value.Missing);
    }

    [Fact]
    public void If_ChoosesBranch_AndIsMissingWhenConditionIs()
    {
        Evaluate("if(b, 'x', 'y')", ("b", B(true))).ShouldBe(T("x"));
        Evaluate("if(b, 'x', 'y')", ("b", B(false))).ShouldBe(T("y"));
        Evaluate("if(b, 'x', 'y')").ShouldBe(Value.Missing);
        Evaluate("if(n > 1, n, 0)", ("n", N(5))).ShouldBe(N(5));
        Evaluate("if(true, 1, n / 0)").ShouldBe(N(1));
    }

    [Fact]
    public void DateArithmetic_AddsAndSubtractsDays()
    {
        Evaluate("d + 10", ("d", D(2026, 1, 25))).ShouldBe(D(2026, 2, 4));
        Evaluate("10 + d", ("d", D(2026, 1, 25))).ShouldBe(D(2026, 2, 4));
        Evaluate("d - 25", ("d", D(2026, 1, 25))).ShouldBe(D(2025, 12, 31));
        Evaluate("d + 1.9", ("d", D(2026, 1, 25))).ShouldBe(D(2026, 1, 26));
        Evaluate("d + n", ("d", D(2026, 1, 25))).ShouldBe(Value.Missing);
        Evaluate("e <= d + 10", ("d", D(2026, 1, 25)), ("e", D(2026, 2, 4))).ShouldBe(Value.True);
        Evaluate("date('2024-02-28') + 1 = date('2024-02-29')").ShouldBe(Value.True);
    }

    [Fact]
    public void DateArithmetic_OutOfCalendarRange_IsMissingWithNote()
    {
        var trace = Run("d + 99999999", ("d", D(2026, 1, 25)));

        trace.Result.ShouldBe(Value.Missing);
        trace.Notes.ShouldBe(["date out of range"]);
    }

    [Fact]
    public void Division_ByZero_IsMissingWithNote()
    {
        var trace = Run("n / m > 0.5", ("n", N(1)), ("m", N(0)));

        trace.Result.ShouldBe(Value.Missing);
        trace.Notes.ShouldBe(["division by zero"]);
        trace.Blank.ShouldBeEmpty();
    }

    [Fact]
    public void Arithmetic_Overflow_IsMissing() =>
        Evaluate("n * n * n * n * n * n * n * n * n * n * n * n * n * n * n * n * n * n * n * n * n * n * n", ("n", N(1e15))).ShouldBe(Value.Missing);

    [Fact]
    public void Trace_NamesTheBlankFieldsRead()
    {
        var trace = Run("n >= 4 and t = 'Yes' or is_blank(m)", ("t", T("Yes")), ("m", N(1)));

        trace.Result.ShouldBe(Value.Missing);
        trace.Blank.ShouldBe(["n"]);
        trace.Read.Select(r => r.Key).ShouldBe(["n", "t", "m"]);
    }

    private static Value Tri(string letter) => letter switch
    {
        "T" => Value.True,
        "F" => Value.False,
        _ => Value.Missing,
    };

    private static string Letter(Value value) => value.IsMissing ? "M" : (value.Bool ? "T" : "F");
}
