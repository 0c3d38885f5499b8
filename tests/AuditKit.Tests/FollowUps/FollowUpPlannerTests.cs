using AuditKit.Calendar;
using AuditKit.Compliance;
using AuditKit.Evaluation;
using AuditKit.FollowUps;
using AuditKit.Templates;
using AuditKit.Tests.Compliance;
using AuditKit.Tests.Support;

namespace AuditKit.Tests.FollowUps;

public sealed class FollowUpPlannerTests
{
    // Wednesday 23 December 2026. 20 working days on: 24, 29, 30, 31 Dec (25 and 28 are holidays), then
    // 1 Jan 2027 is a holiday: 4-8 Jan (9), 11-15 (14), 18-22 (19), Monday 25 Jan (20).
    // 40 working days: 26-29 Jan (24), 1-5 Feb (29), 8-12 (34), 15-19 (39), Monday 22 Feb (40).
    private static readonly DateOnly AsOf = new(2026, 12, 23);
    private static readonly DateOnly TeamDue = new(2027, 1, 25);
    private static readonly DateOnly ServiceDue = new(2027, 2, 22);

    private static AuditTemplate Template() =>
        new TemplateBuilder()
            .Criterion("seen_alone", target: 0.80)
            .Criterion("plan_smart", target: 0.90)
            .Criterion("views", target: 0.75)
            .TeamAction("rag = 'Red'", "Discuss {criterion} ({criterion_text}) in {team}: {compliance} against {target}.")
            .ServiceAction("red_teams >= 2", "Service-wide workshop on {criterion_text} ({compliance}).")
            .Build();

    // From small-run.csv (see ComplianceCalculatorTests): Team A = Green, Red, Red; Team B = Red, Red, Green;
    // overall = Amber (0.75), Red (0.5), Red (0.625).
    private static ComplianceSummary Summary(AuditTemplate template)
    {
        var calculator = new ComplianceCalculator(template);
        foreach (var result in CaseResults.ReadCsv(template, "small-run.csv"))
        {
            calculator.Add(result);
        }

        return calculator.Complete();
    }

    [Fact]
    public void PlanTeamAndServiceActions_RedRules_RaiseExpectedActions()
    {
        // Arrange
        var template = Template();
        var conditions = new FakeConditions();

        // Act
        var actions = FollowUpPlanner.PlanTeamAndServiceActions(template, Summary(template), conditions, AsOf, EnglandAndWalesCalendar.Default);

        // Assert: teams in name order, criteria in template order, then the service action for plan_smart
        // (red in both teams; seen_alone and views are red in one team each).
        actions.Select(a => (a.Scope, a.Team, a.Criterion, a.Due)).ShouldBe(
        [
            (ActionScope.Team, "Team A", "plan_smart", TeamDue),
            (ActionScope.Team, "Team A", "views", TeamDue),
            (ActionScope.Team, "Team B", "seen_alone", TeamDue),
            (ActionScope.Team, "Team B", "plan_smart", TeamDue),
            (ActionScope.Service, null, "plan_smart", ServiceDue),
        ]);

        var first = actions[0];
        first.Text.ShouldBe("Discuss plan_smart (Text of plan_smart.) in Team A: 50% against 90%.");
        first.Owner.ShouldBe("team_manager");
        first.EscalateTo.ShouldBeNull();
        first.RuleKey.ShouldBe("test-template/team_actions/0");
        first.Id.ShouldBe(ActionId.Create("test-template", "test-template/team_actions/0", "Team A", null, "plan_smart").ToString());
        first.CompliancePercent.ShouldBe(0.5);
        first.Target.ShouldBe(0.9);
        first.CaseRef.ShouldBeNull();
        first.AuditId.ShouldBeNull();

        var service = actions[4];
        service.Text.ShouldBe("Service-wide workshop on Text of plan_smart. (50%).");
        service.Owner.ShouldBe("head_of_service");
        service.Id.ShouldBe(ActionId.Create("test-template", "test-template/service_actions/0", null, null, "plan_smart").ToString());
        service.CompliancePercent.ShouldBe(0.5);
        actions.Select(a => a.Id).Distinct().Count().ShouldBe(5);
    }

    [Fact]
    public void PlanTeamAndServiceActions_PassesFactsComputedFromSummary()
    {
        var template = Template();
        var conditions = new FakeConditions();

        FollowUpPlanner.PlanTeamAndServiceActions(template, Summary(template), conditions, AsOf, EnglandAndWalesCalendar.Default);

        // Team B views: missing, met, partly -> applicable 2 of 3 audits, 0.75 = target -> Green.
        conditions.TeamFacts.Count.ShouldBe(6);
        conditions.TeamFacts[5].ShouldBe(new TeamCriterionFacts("Team B", "views", 0.75, 0.75, Rag.Green, 2, 3));

        // Service: seen_alone overall 0.75 Amber, red in Team B only; plan_smart red in both; views red in Team A only.
        conditions.ServiceFacts.ShouldBe(
        [
            new ServiceCriterionFacts("seen_alone", 0.75, 0.80, Rag.Amber, RedTeams: 1, AmberTeams: 0, Teams: 2),
            new ServiceCriterionFacts("plan_smart", 0.5, 0.90, Rag.Red, RedTeams: 2, AmberTeams: 0, Teams: 2),
            new ServiceCriterionFacts("views", 0.625, 0.75, Rag.Red, RedTeams: 1, AmberTeams: 0, Teams: 2),
        ]);
    }

    [Fact]
    public void PlanTeamAndServiceActions_TeamWithNoCompliance_NotCountedInTeams()
    {
        // Arrange: Team C has only not-applicable seen_alone answers.
        var template = Template();
        var calculator = new ComplianceCalculator(template);
        calculator.Add(CaseResults.Create(template, "A1", "Team A", [Outcome.NotMet, Outcome.Met, Outcome.Met]));
        calculator.Add(CaseResults.Create(template, "C1", "Team C", [Outcome.NotApplicable, Outcome.Met, Outcome.Met]));
        var conditions = new FakeConditions();

        // Act
        FollowUpPlanner.PlanTeamAndServiceActions(template, calculator.Complete(), conditions, AsOf, EnglandAndWalesCalendar.Default);

        // Assert
        conditions.ServiceFacts[0].ShouldBe(new ServiceCriterionFacts("seen_alone", 0.0, 0.80, Rag.Red, RedTeams: 1, AmberTeams: 0, Teams: 1));
        conditions.TeamFacts.Single(f => f.Team == "Team C" && f.Criterion == "seen_alone")
            .ShouldBe(new TeamCriterionFacts("Team C", "seen_alone", null, 0.80, null, 0, 1));
    }

    [Fact]
    public void PlanTeamAndServiceActions_SameInput_SameIds()
    {
        var template = Template();

        var first = FollowUpPlanner.PlanTeamAndServiceActions(template, Summary(template), new FakeConditions(), AsOf, EnglandAndWalesCalendar.Default);
        var second = FollowUpPlanner.PlanTeamAndServiceActions(template, Summary(template), new FakeConditions(), AsOf.AddDays(7), EnglandAndWalesCalendar.Default);

        second.Select(a => a.Id).ShouldBe(first.Select(a => a.Id));
    }

    [Fact]
    public void PlanTeamAndServiceActions_NoRules_NoActionsAndNoQuestions()
    {
        var template = new TemplateBuilder().Criterion("seen_alone").Criterion("plan_smart").Criterion("views").Build();
        var conditions = new FakeConditions();

        var actions = FollowUpPlanner.PlanTeamAndServiceActions(template, Summary(template), conditions, AsOf, EnglandAndWalesCalendar.Default);

        actions.ShouldBeEmpty();
        conditions.TeamFacts.ShouldBeEmpty();
    }

    [Fact]
    public void ResolveOwners_CaseTeamAndServiceActions_UsesSubmissionAndDirectory()
    {
        // Arrange
        var directory = new TeamDirectory(
            [new TeamEntry("Team A", new TeamContacts(TeamManager: "Sam Jones"), default)],
            new TeamContacts(HeadOfService: "Priya Shah"));
        FollowUpAction[] actions =
        [
            Action("1", ActionScope.Case, "Team A", "practitioner", escalateTo: "head_of_service", auditId: "A1"),
            Action("2", ActionScope.Case, "Team B", "team_manager", auditId: "B1"),
            Action("3", ActionScope.Team, "Team A", "team_manager"),
            Action("4", ActionScope.Service, null, "head_of_service"),
            Action("5", ActionScope.Case, "Team A", "auditor", auditId: "A1"),
        ];

        // Act
        var resolved = FollowUpPlanner.ResolveOwners(
            actions,
            a => a.AuditId == "A1" ? ("Lee Smith", "Ann Auditor") : (null, null),
            directory);

        // Assert
        resolved.Select(a => (a.Owner, a.EscalateTo)).ShouldBe(
        [
            ("Lee Smith", "Priya Shah"),
            ("team_manager", null), // Team B has no entry and there is no default team manager
            ("Sam Jones", null),
            ("Priya Shah", null),
            ("Ann Auditor", null),
        ]);
    }

    [Fact]
    public void ResolveOwners_BySubmissions_FindsPeopleByAuditId()
    {
        var template = Template();
        var result = CaseResults.Create(template, "A1", "Team A", [Outcome.Met, Outcome.Met, Outcome.Met]);
        var submission = result.Submission with { Practitioner = "Lee Smith" };

        var resolved = FollowUpPlanner.ResolveOwners(
            [Action("1", ActionScope.Case, "Team A", "practitioner", escalateTo: "auditor", auditId: "A1"), Action("2", ActionScope.Case, "Team A", "practitioner", auditId: "Z9")],
            [submission],
            null);

        resolved.Select(a => (a.Owner, a.EscalateTo)).ShouldBe([("Lee Smith", "Auditor One"), ("practitioner", null)]);
    }

    [Fact]
    public void SortForReport_MixedActions_OrdersByScopeDueTeamCaseCriterionId()
    {
        var d1 = new DateOnly(2026, 12, 1);
        var d2 = new DateOnly(2026, 12, 2);
        FollowUpAction[] actions =
        [
            Action("s1", ActionScope.Service, null, "head_of_service", due: d1, criterion: "a"),
            Action("t2", ActionScope.Team, "Team B", "team_manager", due: d1, criterion: "a"),
            Action("t1", ActionScope.Team, "Team A", "team_manager", due: d2, criterion: "a"),
            Action("t3", ActionScope.Team, "Team A", "team_manager", due: d1, criterion: "b"),
            Action("t0", ActionScope.Team, "Team A", "team_manager", due: d1, criterion: "a"),
            Action("c2", ActionScope.Case, "Team A", "practitioner", due: d2, caseRef: "C-1"),
            Action("c1", ActionScope.Case, "Team A", "practitioner", due: d1, caseRef: "C-2"),
            Action("c0", ActionScope.Case, "Team A", "practitioner", due: d1, caseRef: "C-1"),
            Action("c9", ActionScope.Case, "Team A", "practitioner", due: d1, caseRef: "C-1", criterion: "a"),
        ];

        var sorted = FollowUpPlanner.SortForReport(actions);

        sorted.Select(a => a.Id).ShouldBe(["c0", "c9", "c1", "c2", "t0", "t3", "t2", "t1", "s1"]);
    }

    private static FollowUpAction Action(
        string id,
        ActionScope scope,
        string? team,
        string owner,
        string? escalateTo = null,
        string? auditId = null,
        DateOnly? due = null,
        string? caseRef = null,
        string? criterion = null) =>
        new(id, scope, team, caseRef, criterion, "Text.", owner, due ?? AsOf, escalateTo, "rule", auditId);

    /// <summary>Stands in for the compiled rule set: Red for team rules, at least two red teams for service rules.</summary>
    private sealed class FakeConditions : IActionConditions
    {
        public List<TeamCriterionFacts> TeamFacts { get; } = [];

        public List<ServiceCriterionFacts> ServiceFacts { get; } = [];

        public bool TeamActionMatches(ActionRule rule, TeamCriterionFacts facts)
        {
            TeamFacts.Add(facts);
            return facts.Rag == Rag.Red;
        }

        public bool ServiceActionMatches(ActionRule rule, ServiceCriterionFacts facts)
        {
            ServiceFacts.Add(facts);
            return facts.RedTeams >= 2;
        }
    }
}
