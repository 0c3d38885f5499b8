using AuditKit.Templates;

namespace AuditKit.Tests.FollowUps;

public sealed class ActionTextTests
{
    private static readonly ActionTextValues Values = new(
        Team: "Team A",
        CaseRef: "C-1",
        Criterion: "child_seen_alone",
        CriterionText: "The child was seen alone.",
        Compliance: 0.8345,
        Target: 0.9);

    [Theory]
    [InlineData("No placeholders.", "No placeholders.")]
    [InlineData("{team}: case {case_ref}", "Team A: case C-1")]
    [InlineData("{criterion} - {criterion_text}", "child_seen_alone - The child was seen alone.")]
    [InlineData("{compliance} against {target}", "83.5% against 90%")]
    [InlineData("Keep {unknown} and {team}", "Keep {unknown} and Team A")]
    [InlineData("Unclosed {team", "Unclosed {team")]
    [InlineData("{team}{team}}{", "Team ATeam A}{")]
    [InlineData("", "")]
    public void Render_Template_FillsKnownPlaceholdersOnly(string template, string expected)
    {
        ActionText.Render(template, Values).ShouldBe(expected);
    }

    [Theory]
    [InlineData(0.797, "79.7%")]
    [InlineData(0.8, "80%")]
    [InlineData(0.2875, "28.8%")]
    [InlineData(0.5125, "51.3%")]
    [InlineData(0.0725, "7.3%")]
    [InlineData(1.0, "100%")]
    [InlineData(0.0, "0%")]
    public void Percent_HalfWayFigures_RoundUpAsTheWorkbookShowsThem(double fraction, string expected)
    {
        // 0.2875 x 100 is 28.749999999999996 as a double; a spreadsheet shows 28.8%, and so does every AuditKit output.
        ActionText.Percent(fraction).ShouldBe(expected);
    }

    [Fact]
    public void Render_MissingValues_GivesEmptyTextAndNotApplicable()
    {
        ActionText.Render("[{team}] [{criterion}] [{compliance}]", new ActionTextValues()).ShouldBe("[] [] [n/a]");
    }

    [Fact]
    public void Parts_BoundThenFilled_SameAsRenderingWhole()
    {
        // Every mix of fragments up to four long: literal text, each placeholder, unknown and broken braces.
        string[] fragments = ["Text ", "{team}", "{case_ref}", "{criterion}", "{criterion_text}", "{compliance}", "{target}", "{x}", "{", "}"];
        var templates = from a in fragments
                        from b in fragments
                        from c in fragments
                        from d in fragments
                        select a + b + c + d;

        foreach (var template in templates)
        {
            var parts = ActionTextParts.Parse(template)
                .Bind(Values with { Team = null, CaseRef = null }, ActionTextParts.Slot.Team, ActionTextParts.Slot.CaseRef);

            parts.Render("Team A", "C-1").ShouldBe(ActionText.Render(template, Values), template);
        }
    }

    [Fact]
    public void Fill_SmallBuffer_GrowsIt()
    {
        var parts = ActionTextParts.Parse("{team} and {case_ref}").Bind(Values, ActionTextParts.Slot.Team, ActionTextParts.Slot.CaseRef);
        var buffer = new char[2];

        var length = parts.Fill(ref buffer, new string('t', 300), "C-1");

        new string(buffer, 0, length).ShouldBe(new string('t', 300) + " and C-1");
    }
}
