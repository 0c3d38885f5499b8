using System.Text;
using System.Text.Json;
using AuditKit.Moderation;
using AuditKit.Reporting;
using AuditKit.Templates;
using AuditKit.Tests.Support;

namespace AuditKit.Tests.Moderation;

public sealed class AgreementCalculatorTests
{
    private static readonly AuditTemplate Template = new TemplateBuilder()
        .AppliesTo("CP")
        .Criterion("seen_alone")
        .Criterion("plan_smart")
        .Grade("Inadequate", "not_met > 1")
        .Grade("Outstanding", "score >= 0.95")
        .Grade("Good", "true")
        .Build();

    private static CaseRow Row(string id, string auditor, string? grade, params Outcome[] outcomes) =>
        new(id, new DateOnly(2026, 11, 3), auditor, "C-" + id, "CP", "Team A", null, null, null, grade, null, [.. outcomes]);

    private static ModerationPair Pair(string id, string auditor, (Outcome A, Outcome B) first, (Outcome A, Outcome B) moderated, string? firstGrade = "Good", string? moderatedGrade = "Good") =>
        new(Row(id, auditor, firstGrade, first.A, first.B), Row("M" + id, "Moderator", moderatedGrade, moderated.A, moderated.B) with { Moderates = id });

    [Fact]
    public void Calculate_MissingOutcome_LeavesThePairOutOfThatCriterionOnly()
    {
        var pairs = new[]
        {
            Pair("1", "Ann", (Outcome.Met, Outcome.Met), (Outcome.Met, Outcome.Missing)),
            Pair("2", "Ann", (Outcome.NotMet, Outcome.Met), (Outcome.NotMet, Outcome.Met)),
        };

        var report = AgreementCalculator.Calculate(Template, pairs);

        report.Criteria[0].Pairs.ShouldBe(2);
        report.Criteria[1].Pairs.ShouldBe(1);
        report.Auditors.Single().Compared.ShouldBe(3);
    }

    [Fact]
    public void Calculate_NotApplicable_CountsInKappaButNotInWeightedKappa()
    {
        var pairs = new[]
        {
            Pair("1", "Ann", (Outcome.Met, Outcome.Met), (Outcome.Met, Outcome.Met)),
            Pair("2", "Ann", (Outcome.NotApplicable, Outcome.Met), (Outcome.NotApplicable, Outcome.Met)),
            Pair("3", "Ann", (Outcome.NotMet, Outcome.Met), (Outcome.Partly, Outcome.Met)),
        };

        var criterion = AgreementCalculator.Calculate(Template, pairs).Criteria[0];

        criterion.Pairs.ShouldBe(3);
        criterion.OrderedPairs.ShouldBe(2);
        criterion.Agreement!.Value.ShouldBe(2.0 / 3, 1e-12);
        criterion.Pabak!.Value.ShouldBe(((4 * 2.0 / 3) - 1) / 3, 1e-12);
        criterion.Kappa.ShouldNotBeNull();
    }

    [Fact]
    public void Calculate_CriterionWithoutVariation_KappaUndefinedPabakOneAndNotFlagged()
    {
        var pairs = new[]
        {
            Pair("1", "Ann", (Outcome.Met, Outcome.Met), (Outcome.Met, Outcome.NotMet)),
            Pair("2", "Bob", (Outcome.Met, Outcome.NotMet), (Outcome.Met, Outcome.Met)),
        };

        var report = AgreementCalculator.Calculate(Template, pairs);

        var seen = report.Criteria[0];
        (seen.Kappa, seen.NoVariation, seen.Pabak, seen.Flagged).ShouldBe((null, true, 1.0, false));
        var plan = report.Criteria[1];
        plan.Kappa!.Value.Value.ShouldBe(-1, 1e-12);
        plan.Flagged.ShouldBeTrue();
        report.Flagged.Select(c => c.Id).ShouldBe(["plan_smart"]);
    }

    [Fact]
    public void Calculate_Threshold_FlagsOnlyKappasBelowIt()
    {
        // Kappa 0.4 on seen_alone (the hand-worked 2x2 of the kappa tests, in tens): flagged at 0.6, not at 0.4.
        var pairs = new List<ModerationPair>();
        void Add(int times, Outcome first, Outcome moderated)
        {
            for (var i = 0; i < times; i++)
            {
                pairs.Add(Pair($"{first}-{moderated}-{i}", "Ann", (first, Outcome.Met), (moderated, Outcome.Met)));
            }
        }

        Add(4, Outcome.Met, Outcome.Met);
        Add(1, Outcome.Met, Outcome.NotMet);
        Add(2, Outcome.NotMet, Outcome.Met);
        Add(3, Outcome.NotMet, Outcome.NotMet);

        AgreementCalculator.Calculate(Template, pairs).Criteria[0].Kappa!.Value.Value.ShouldBe(0.4, 1e-12);
        AgreementCalculator.Calculate(Template, pairs).Criteria[0].Flagged.ShouldBeTrue();
        AgreementCalculator.Calculate(Template, pairs, threshold: 0.4).Criteria[0].Flagged.ShouldBeFalse();
    }

    [Fact]
    public void Calculate_Auditors_DirectionOfDisagreementAndOneAuditorHoweverSpelt()
    {
        var pairs = new[]
        {
            Pair("1", "Ann Lee", (Outcome.Met, Outcome.Met), (Outcome.Partly, Outcome.NotMet)),
            Pair("2", "ann  lee", (Outcome.Partly, Outcome.NotApplicable), (Outcome.Partly, Outcome.Met)),
            Pair("3", "Bob Ray", (Outcome.NotMet, Outcome.Met), (Outcome.Met, Outcome.Met)),
        };

        var auditors = AgreementCalculator.Calculate(Template, pairs).Auditors;

        auditors.Select(a => (a.Auditor, a.Pairs, a.Compared, a.Agreed, a.MoreFavourable, a.LessFavourable, a.Applicability, a.Direction)).ShouldBe(
        [
            ("Ann Lee", 2, 4, 1, 2, 0, 1, "more favourable"),
            ("Bob Ray", 1, 2, 1, 0, 1, 0, "less favourable"),
        ]);
    }

    [Fact]
    public void Calculate_Grades_ConfusionMatrixInScaleOrderWithWeightedKappa()
    {
        var pairs = new[]
        {
            Pair("1", "Ann", (Outcome.Met, Outcome.Met), (Outcome.Met, Outcome.Met), "Outstanding", "Good"),
            Pair("2", "Ann", (Outcome.Met, Outcome.Met), (Outcome.Met, Outcome.Met), "Good", "Good"),
            Pair("3", "Ann", (Outcome.Met, Outcome.Met), (Outcome.Met, Outcome.Met), "Inadequate", "Inadequate"),
            Pair("4", "Ann", (Outcome.Met, Outcome.Met), (Outcome.Met, Outcome.Met), null, "Good"),
        };

        var grades = AgreementCalculator.Calculate(Template, pairs).Grades;

        // The scale is best first (Ofsted's order), not the order the grading rows are tried in.
        grades.Scale.ShouldBe(["Outstanding", "Good", "Inadequate"]);
        grades.Pairs.ShouldBe(3);
        grades.Counts[0, 1].ShouldBe(1);
        grades.Counts[1, 1].ShouldBe(1);
        grades.Counts[2, 2].ShouldBe(1);
        (grades.MoreFavourable, grades.LessFavourable).ShouldBe((1, 0));
        grades.Agreement!.Value.ShouldBe(2.0 / 3, 1e-12);

        // Linear weights over three grades: po_w = (0.5 + 1 + 1) / 3; rows 1/3 each; columns 0, 2/3, 1/3;
        // pe_w = (1/3) x [(0.5 x 2/3 + 0) + (2/3 + 0.5 x 1/3) + (0.5 x 2/3 + 1/3)] = 11/18; kappa_w = (15/18 - 11/18) / (7/18) = 4/7.
        grades.WeightedKappa!.Value.ShouldBe(4.0 / 7, 1e-12);
    }

    [Fact]
    public void Json_HasTheContractShape_KappaNullWhenUndefined()
    {
        var pairs = new[]
        {
            Pair("1", "Ann", (Outcome.Met, Outcome.Met), (Outcome.Met, Outcome.NotMet)),
            Pair("2", "Bob", (Outcome.Met, Outcome.NotMet), (Outcome.Met, Outcome.Met)),
        };
        var report = AgreementCalculator.Calculate(Template, pairs);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            AgreementJson.Write(writer, report);
        }

        var root = JsonDocument.Parse(buffer.ToArray()).RootElement;

        root.EnumerateObject().Select(p => p.Name).ShouldBe(["template", "criteria", "auditors", "grades"]);
        root.GetProperty("template").GetString().ShouldBe(Template.Id);
        var first = root.GetProperty("criteria")[0];
        first.EnumerateObject().Select(p => p.Name).ShouldBe(["id", "pairs", "agreement", "kappa", "kappa_low", "kappa_high", "weighted_kappa", "pabak", "flagged"]);
        first.GetProperty("kappa").ValueKind.ShouldBe(JsonValueKind.Null);
        first.GetProperty("pabak").GetDouble().ShouldBe(1);
        var second = root.GetProperty("criteria")[1];
        second.GetProperty("kappa").GetDouble().ShouldBe(-1);
        second.GetProperty("flagged").GetBoolean().ShouldBeTrue();
        Encoding.UTF8.GetString(buffer.ToArray()).ShouldNotContain("-0,");
    }
}
