using AuditKit.FollowUps;
using AuditKit.Programme;
using AuditKit.Sampling;

namespace AuditKit.Tests.Programme;

public sealed class ProgrammeStatusTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 20);

    private static DateOnly D(int month, int day) => new(2026, month, day);

    private static AuditProgramme Programme(params AuditRound[] rounds) => new(
        "p", "Programme", new TeamDirectory([new TeamEntry("Team A", new TeamContacts("Ann Manager"), default), new TeamEntry("Team B", new TeamContacts("Bo Manager"), default)]),
        [.. rounds], "programme.yaml");

    private static AuditRound Monthly(RoundQuota quota, bool sampled = false) => new(
        "monthly", "Monthly", "qop", RoundPeriodKind.Monthly, D(9, 1), null,
        new RoundAuditors([AuditKit.Templates.Role.TeamManager], []), quota, sampled, default);

    private static ProgrammeAudit Audit(DateOnly date, string auditor, string team, string caseRef = "C-1", bool moderation = false, string template = "qop") =>
        new(template, date, auditor, caseRef, "CP", team, moderation);

    [Fact]
    public void Carry_ShortfallMadeUpLater_CountsAsLateNotNotDone()
    {
        // Two a month: September 0, October 1, November (current) 4. November's two extra make up September's two.
        var tallies = ProgrammeStatus.Carry(2, [0, 1, 4], [true, true, false]);

        tallies.ShouldBe([new Tally(2, 0, 0, 2, 0, 0), new Tally(2, 1, 1, 0, 0, 1), new Tally(2, 4, 2, 0, 0, 0)]);
        tallies[0].Missed.ShouldBe(2);
        tallies[1].Missed.ShouldBe(1);
    }

    [Fact]
    public void Carry_CurrentPeriodShort_IsDueNotMissed()
    {
        ProgrammeStatus.Carry(3, [1], [false]).ShouldBe([new Tally(3, 1, 1, 0, 2, 0)]);
        ProgrammeStatus.Carry(null, [5, 0], [true, false]).ShouldBe([new Tally(null, 5, 5, 0, 0, 0), new Tally(null, 0, 0, 0, 0, 0)]);
    }

    [Fact]
    public void Build_QuotaRound_PerAuditorTeamAndServiceWithModerationLeftOut()
    {
        // Arrange: Ann (manager of Team A) audits two Team B cases in October, one in November plus a moderation audit;
        // Bo audits one Team A case in November; an audit of another template and one after the as-of date are not counted.
        var round = Monthly(new RoundQuota(2, 1, 3));
        ProgrammeAudit[] audits =
        [
            Audit(D(10, 5), "Ann Manager", "Team B"), Audit(D(10, 6), "ann manager ", "Team B"),
            Audit(D(11, 2), "Ann Manager", "Team B"), Audit(D(11, 3), "Ann Manager", "Team B", moderation: true),
            Audit(D(11, 4), "Bo Manager", "Team A"), Audit(D(11, 4), "Bo Manager", "Team A", template: "other"), Audit(D(11, 25), "Bo Manager", "Team A"),
        ];

        // Act
        var report = ProgrammeStatus.Build(Programme(round), AsOf, null, audits, [], null);

        // Assert
        var periods = report.Rounds.ShouldHaveSingleItem().Periods;
        periods.Select(p => (p.Period.Label, p.Ended)).ShouldBe([("2026-09", true), ("2026-10", true), ("2026-11", false)]);
        periods[0].Service.ShouldBe(new Tally(3, 0, 0, 0, 0, 3));
        periods[1].Service.ShouldBe(new Tally(3, 2, 2, 0, 0, 1));
        periods[2].Service.ShouldBe(new Tally(3, 2, 2, 0, 1, 0));
        periods[1].Auditors.ShouldBe([new SubjectTally("Ann Manager", "Team A", new Tally(2, 2, 2, 0, 0, 0)), new SubjectTally("Bo Manager", "Team B", new Tally(2, 0, 0, 0, 0, 2))]);
        periods[2].Auditors.Select(a => a.Tally).ShouldBe([new Tally(2, 1, 1, 0, 1, 0), new Tally(2, 1, 1, 0, 1, 0)]);
        periods[1].Teams.ShouldBe([new SubjectTally("Team A", null, new Tally(1, 0, 0, 0, 0, 1)), new SubjectTally("Team B", null, new Tally(1, 2, 1, 0, 0, 0))]);
    }

    [Fact]
    public void Build_SampledRound_DoneLateDueNotDoneAndAReserveStandingIn()
    {
        // Arrange: October's sample (C-1, C-2 to Ann; C-3 to Bo, with reserve C-4); November's sample (C-5 to Bo).
        // C-1 audited in October, C-2 in November (late), C-3 never but its reserve C-4 in October; C-5 not yet.
        var round = Monthly(RoundQuota.None, sampled: true);
        ProgrammeSampleCase[] samples =
        [
            new("S-1", "qop", D(10, 1), "C-1", "Team B", "Ann Manager", false), new("S-1", "qop", D(10, 1), "C-2", "Team B", "Ann Manager", false),
            new("S-1", "qop", D(10, 1), "C-3", "Team A", "Bo Manager", false), new("S-1", "qop", D(10, 1), "C-4", "Team A", "Bo Manager", true),
            new("S-2", "qop", D(11, 2), "C-5", "Team A", "Bo Manager", false), new("S-3", "other", D(11, 2), "C-6", "Team A", "Bo Manager", false),
        ];
        ProgrammeAudit[] audits =
        [
            Audit(D(10, 10), "Ann Manager", "Team B", "C-1"), Audit(D(11, 3), "Ann Manager", "Team B", "C-2"),
            Audit(D(10, 12), "Cy Auditor", "Team A", "C-4"), Audit(D(11, 5), "Bo Manager", "Team A", "C-5", moderation: true),
        ];

        // Act
        var report = ProgrammeStatus.Build(Programme(round), AsOf, (D(10, 1), D(10, 31), "2026-10"), audits, samples, null);

        // Assert: only October is shown; C-5's moderation audit does not count.
        var october = report.Rounds[0].Periods.ShouldHaveSingleItem();
        october.Service.ShouldBe(new Tally(3, 3, 2, 1, 0, 0));
        october.Auditors.ShouldBe([new SubjectTally("Ann Manager", null, new Tally(2, 2, 1, 1, 0, 0)), new SubjectTally("Bo Manager", null, new Tally(1, 1, 1, 0, 0, 0))]);
        var november = ProgrammeStatus.Build(Programme(round), AsOf, (D(11, 1), D(11, 30), "2026-11"), audits, samples, null).Rounds[0].Periods.ShouldHaveSingleItem();
        november.Service.ShouldBe(new Tally(1, 0, 0, 0, 1, 0));
        var december = ProgrammeStatus.Build(Programme(round), D(12, 1), (D(11, 1), D(11, 30), "2026-11"), audits, samples, null).Rounds[0].Periods.ShouldHaveSingleItem();
        december.Service.ShouldBe(new Tally(1, 0, 0, 0, 0, 1));
    }

    [Fact]
    public void Build_WithCaseload_CoverageByTeamAndCaseType()
    {
        var round = Monthly(new RoundQuota(null, null, 1));
        CaseloadCase[] caseload =
        [
            new(0, "c", 2, "C-1", "Team A", "CP"), new(1, "c", 3, "C-2", "Team A", "CP"), new(2, "c", 4, "C-3", "Team A", "LAC"),
            new(3, "c", 5, "C-4", "team b", null), new(4, "c", 6, "c-1", "Team A", "CP"),
        ];
        ProgrammeAudit[] audits = [Audit(D(11, 2), "Ann Manager", "Team A", "c-1"), Audit(D(11, 3), "Ann Manager", "Team A", "C-3", moderation: true), Audit(D(8, 3), "Ann Manager", "Team A", "C-2")];

        var coverage = ProgrammeStatus.Build(Programme(round), AsOf, null, audits, [], caseload).Coverage.ShouldNotBeNull();

        coverage.ShouldBe([
            new CoverageRow("Team A", "CP", 2, 1), new CoverageRow("Team A", "LAC", 1, 0), new CoverageRow("Team A", null, 3, 1),
            new CoverageRow("team b", null, 1, 0), new CoverageRow(null, null, 4, 1),
        ]);
        coverage[0].Share.ShouldBe(0.5);
    }
}
