using AuditKit.Compliance;
using AuditKit.Templates;
using AuditKit.Tests.Support;

namespace AuditKit.Tests.Compliance;

public sealed class ComplianceCalculatorTests
{
    // Targets: seen_alone 0.80, plan_smart 0.90, views 0.75; partly_weight 0.5, amber_margin 0.10.
    private static AuditTemplate SmallTemplate(double partlyWeight = 0.5) =>
        new TemplateBuilder()
            .WithScoring(new ScoringOptions(PartlyWeight: partlyWeight))
            .Criterion("seen_alone", target: 0.80)
            .Criterion("plan_smart", target: 0.90)
            .Criterion("views", target: 0.75)
            .Build();

    private static ComplianceSummary SmallRun()
    {
        var template = SmallTemplate();
        var calculator = new ComplianceCalculator(template);
        foreach (var result in CaseResults.ReadCsv(template, "small-run.csv"))
        {
            calculator.Add(result);
        }

        return calculator.Complete();
    }

    [Fact]
    public void Complete_SmallRun_OverallMatchesHandTotals()
    {
        var overall = SmallRun().Overall;

        // 6 audits. Grades: Good = A1, A3, B2; Requires improvement = A2; Inadequate = B1; B3 has none.
        overall.Name.ShouldBeNull();
        overall.Audits.ShouldBe(6);
        overall.Grades.ShouldBe(new Dictionary<string, int> { ["Good"] = 3, ["Inadequate"] = 1, ["Requires improvement"] = 1 });
        overall.Criteria.Select(c => c.Id).ShouldBe(["seen_alone", "plan_smart", "views"]);

        // seen_alone: met A1 A2 A3 B3 = 4, partly B2 = 1, not_met B1 = 1 -> (4 + 0.5) / 6 = 0.75; >= 0.80 - 0.10 -> Amber.
        var seen = overall.Criteria[0];
        (seen.Counts.Met, seen.Counts.Partly, seen.Counts.NotMet, seen.Counts.NotApplicable, seen.Counts.Missing).ShouldBe((4, 1, 1, 0, 0));
        seen.Compliance!.Value.ShouldBe(0.75, 1e-12);
        seen.Target.ShouldBe(0.80);
        seen.Rag.ShouldBe(Rag.Amber);
        var interval = WilsonInterval.Compute(0.75, 6)!.Value;
        seen.CiLow.ShouldBe(interval.Low);
        seen.CiHigh.ShouldBe(interval.High);

        // plan_smart: met A1 B2 = 2, partly A2 = 1, not_met A3 B1 = 2, n/a B3 = 1 -> (2 + 0.5) / 5 = 0.5; below 0.80 -> Red.
        var plan = overall.Criteria[1];
        (plan.Counts.Met, plan.Counts.Partly, plan.Counts.NotMet, plan.Counts.NotApplicable, plan.Counts.Missing).ShouldBe((2, 1, 2, 1, 0));
        plan.Compliance!.Value.ShouldBe(0.5, 1e-12);
        plan.Rag.ShouldBe(Rag.Red);

        // views: met A1 B2 = 2, partly B3 = 1, not_met A2 = 1, n/a A3 = 1, missing B1 = 1 -> (2 + 0.5) / 4 = 0.625; below 0.65 -> Red.
        var views = overall.Criteria[2];
        (views.Counts.Met, views.Counts.Partly, views.Counts.NotMet, views.Counts.NotApplicable, views.Counts.Missing).ShouldBe((2, 1, 1, 1, 1));
        views.Compliance!.Value.ShouldBe(0.625, 1e-12);
        views.Rag.ShouldBe(Rag.Red);
        views.CiLow!.Value.ShouldBe(0.219427, 1e-6); // Wilson(0.625, 4)
    }

    [Fact]
    public void Complete_SmallRun_GradeAgreementComparesTrimmedIgnoringCase()
    {
        var agreement = SmallRun().Overall.Agreement;

        // A1 Good/Good agrees; A3 'good ' vs Good agrees; A2 (Good vs Requires improvement) and
        // B1 (Requires improvement vs Inadequate) differ; B2 has no auditor grade, B3 no derived grade.
        agreement.Compared.ShouldBe(4);
        agreement.Agreed.ShouldBe(2);
        agreement.Rate.ShouldBe(0.5);
        agreement.Disagreements.Select(d => (d.AuditId, d.Team, d.AuditorGrade, d.DerivedGrade)).ShouldBe(
        [
            ("A2", "Team A", "Good", "Requires improvement"),
            ("B1", "Team B", "Requires improvement", "Inadequate"),
        ]);
    }

    [Fact]
    public void Complete_SmallRun_TeamsMatchHandTotals()
    {
        var teams = SmallRun().Teams;

        teams.Select(t => t.Name).ShouldBe(["Team A", "Team B"]);

        // Team A: A3 gave no service, so the latest with one is A2 -> Service X.
        var a = teams[0];
        a.Service.ShouldBe("Service X");
        a.Audits.ShouldBe(3);
        a.Grades.ShouldBe(new Dictionary<string, int> { ["Good"] = 2, ["Requires improvement"] = 1 });
        // seen_alone 3 met -> 1.0 Green; plan_smart met, partly, not_met -> 1.5 / 3 = 0.5 Red;
        // views met, not_met, n/a -> 1 / 2 = 0.5 Red.
        a.Criteria.Select(c => (c.Compliance, c.Rag)).ShouldBe([(1.0, Rag.Green), (0.5, Rag.Red), (0.5, Rag.Red)]);
        a.Criteria[0].CiHigh.ShouldBe(1.0);
        a.Agreement.Compared.ShouldBe(3);
        a.Agreement.Agreed.ShouldBe(2);
        a.Agreement.Disagreements.Select(d => d.AuditId).ShouldBe(["A2"]);

        // Team B: B2 (Service Z) and B3 (Service Y) share the latest date; the greater audit id B3 wins -> Service Y.
        var b = teams[1];
        b.Service.ShouldBe("Service Y");
        b.Audits.ShouldBe(3);
        b.Grades.ShouldBe(new Dictionary<string, int> { ["Good"] = 1, ["Inadequate"] = 1 });
        // seen_alone not_met, partly, met -> 1.5 / 3 = 0.5 Red; plan_smart not_met, met, n/a -> 1 / 2 = 0.5 Red;
        // views missing, met, partly -> 1.5 / 2 = 0.75 = target -> Green.
        b.Criteria.Select(c => (c.Compliance, c.Rag)).ShouldBe([(0.5, Rag.Red), (0.5, Rag.Red), (0.75, Rag.Green)]);
    }

    [Fact]
    public void Complete_SmallRun_ServicesAndPeriodsMatchHandTotals()
    {
        var summary = SmallRun();

        // Services by the case's own service: X = A1, A2; Y = B1, B3; Z = B2; A3 has none.
        summary.Services.Select(s => (s.Name, s.Audits)).ShouldBe([("Service X", 2), ("Service Y", 2), ("Service Z", 1)]);
        // Service Y seen_alone: not_met, met -> 1 / 2.
        summary.Services[1].Criteria[0].Compliance.ShouldBe(0.5);
        summary.Services[1].Agreement.Disagreements.Select(d => d.AuditId).ShouldBe(["B1"]);

        // Periods: 2026-10 = A1, A2, B1; 2026-11 = A3, B2, B3.
        summary.Periods.Select(p => (p.Name, p.Audits)).ShouldBe([("2026-10", 3), ("2026-11", 3)]);
        // 2026-10 seen_alone: met, met, not_met -> 2 / 3.
        summary.Periods[0].Criteria[0].Compliance!.Value.ShouldBe(2.0 / 3, 1e-12);
        summary.Periods[1].Agreement.Compared.ShouldBe(1); // A3 only
    }

    [Fact]
    public void Complete_OrderOfCases_DoesNotChangeSummary()
    {
        var template = SmallTemplate();
        var forward = new ComplianceCalculator(template);
        var backward = new ComplianceCalculator(template);
        var results = CaseResults.ReadCsv(template, "small-run.csv").ToList();
        results.ForEach(forward.Add);
        Enumerable.Reverse(results).ToList().ForEach(backward.Add);

        var a = forward.Complete();
        var b = backward.Complete();

        b.Teams.Select(t => t.Service).ShouldBe(a.Teams.Select(t => t.Service));
        b.Overall.Agreement.Disagreements.ShouldBe(a.Overall.Agreement.Disagreements);
        b.Overall.Criteria.ShouldBe(a.Overall.Criteria);
    }

    [Fact]
    public void Complete_NoServicesGiven_HasNoServiceGroups()
    {
        var template = SmallTemplate();
        var calculator = new ComplianceCalculator(template);
        calculator.Add(CaseResults.Create(template, "A1", "Team A", [Outcome.Met, Outcome.Met, Outcome.Met]));

        var summary = calculator.Complete();

        summary.Services.ShouldBeEmpty();
        summary.Teams.Single().Service.ShouldBeNull();
    }

    [Fact]
    public void Complete_AllNotApplicable_ComplianceRagAndIntervalAreNull()
    {
        var template = SmallTemplate();
        var calculator = new ComplianceCalculator(template);
        calculator.Add(CaseResults.Create(template, "A1", "Team A", [Outcome.NotApplicable, Outcome.Met, Outcome.Missing]));
        calculator.Add(CaseResults.Create(template, "A2", "Team A", [Outcome.NotApplicable, Outcome.Met, Outcome.NotApplicable]));

        var stats = calculator.Complete().Overall.Criteria;

        foreach (var stat in new[] { stats[0], stats[2] })
        {
            stat.Compliance.ShouldBeNull();
            stat.Rag.ShouldBeNull();
            stat.CiLow.ShouldBeNull();
            stat.CiHigh.ShouldBeNull();
        }

        stats[0].Counts.NotApplicable.ShouldBe(2);
        stats[2].Counts.Missing.ShouldBe(1);
        stats[1].Compliance.ShouldBe(1.0);
    }

    [Theory]
    // met 1, partly 2, not_met 1: (1 + 0.5 x 2) / 4 = 0.5 -> Wilson(0.5, 4) = 0.150039 .. 0.849961; below 0.70 -> Red.
    [InlineData(0.5, 0.5, 0.150039, 0.849961)]
    // (1 + 0.25 x 2) / 4 = 0.375 -> Wilson(0.375, 4) = 0.091899 .. 0.780573.
    [InlineData(0.25, 0.375, 0.091899, 0.780573)]
    public void Complete_PartlyWeight_UsesWeightedProportionWithSameN(double weight, double compliance, double low, double high)
    {
        var template = SmallTemplate(weight);
        var calculator = new ComplianceCalculator(template);
        Outcome[] first = [Outcome.Met, Outcome.Partly, Outcome.Partly, Outcome.NotMet];
        for (var i = 0; i < first.Length; i++)
        {
            calculator.Add(CaseResults.Create(template, $"A{i}", "Team A", [first[i], Outcome.Met, Outcome.Met]));
        }

        var stat = calculator.Complete().Overall.Criteria[0];

        stat.Compliance!.Value.ShouldBe(compliance, 1e-12);
        stat.CiLow!.Value.ShouldBe(low, 1e-6);
        stat.CiHigh!.Value.ShouldBe(high, 1e-6);
        stat.Rag.ShouldBe(Rag.Red);
    }

    [Fact]
    public void Complete_MissingOutcomes_AreExcludedFromCompliance()
    {
        var template = SmallTemplate();
        var calculator = new ComplianceCalculator(template);
        calculator.Add(CaseResults.Create(template, "A1", "Team A", [Outcome.Met, Outcome.Met, Outcome.Met]));
        calculator.Add(CaseResults.Create(template, "A2", "Team A", [Outcome.Missing, Outcome.Met, Outcome.Met]));
        calculator.Add(CaseResults.Create(template, "A3", "Team A", [Outcome.Missing, Outcome.Met, Outcome.Met]));

        var stat = calculator.Complete().Overall.Criteria[0];

        // 1 met of 1 applicable: compliance 1, interval over n = 1: high exactly 1, low = 1 / (1 + z^2) = 1 / 4.841459 = 0.206549.
        stat.Compliance.ShouldBe(1.0);
        stat.CiHigh.ShouldBe(1.0);
        stat.CiLow!.Value.ShouldBe(0.206549, 1e-6);
        stat.Counts.Missing.ShouldBe(2);
    }

    [Fact]
    public void Complete_AllNotMet_IntervalLowIsZero()
    {
        var template = SmallTemplate();
        var calculator = new ComplianceCalculator(template);
        calculator.Add(CaseResults.Create(template, "A1", "Team A", [Outcome.NotMet, Outcome.Met, Outcome.Met]));
        calculator.Add(CaseResults.Create(template, "A2", "Team A", [Outcome.NotMet, Outcome.Met, Outcome.Met]));

        var stat = calculator.Complete().Overall.Criteria[0];

        stat.Compliance.ShouldBe(0.0);
        stat.CiLow.ShouldBe(0.0);
        stat.Rag.ShouldBe(Rag.Red);
    }

    [Fact]
    public void Complete_Nothing_AddedGivesEmptyGroups()
    {
        var summary = new ComplianceCalculator(SmallTemplate()).Complete();

        summary.Overall.Audits.ShouldBe(0);
        summary.Overall.Criteria.ShouldAllBe(c => c.Compliance == null);
        summary.Teams.ShouldBeEmpty();
        summary.Periods.ShouldBeEmpty();
        summary.Overall.Agreement.Rate.ShouldBeNull();
    }

    [Fact]
    public void Add_WrongNumberOfOutcomes_Throws()
    {
        var template = SmallTemplate();
        var calculator = new ComplianceCalculator(template);

        Should.Throw<ArgumentException>(() => calculator.Add(CaseResults.Create(template, "A1", "Team A", [Outcome.Met])));
    }
}
