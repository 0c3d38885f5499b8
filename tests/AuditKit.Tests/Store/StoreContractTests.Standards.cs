using AuditKit.Cli.Commands;
using AuditKit.Compliance.Standards;
using AuditKit.Store;
using AuditKit.Tests.Compliance.Standards;
using static AuditKit.Tests.Compliance.Standards.StandardFixture;

namespace AuditKit.Tests.Store;

/// <summary>
/// The store keeps each criterion's standard and gives a report across templates what it needs: the figures the store's
/// audits of two templates roll up to are the hand-worked ones of <see cref="StandardRollupTests"/>.
/// </summary>
public abstract partial class StoreContractTests
{
    [StoreFact]
    public void ReadAcrossTemplates_TwoTemplatesRecorded_RollUpToTheHandWorkedFigures()
    {
        var store = Open();
        store.RecordRun(new StoredRun(Qop, new DateOnly(2026, 12, 31), QopCases.Select(c => new StoredCase(c)), []));
        store.RecordRun(new StoredRun(Cpp, new DateOnly(2026, 12, 31), CppCases.Select(c => new StoredCase(c)), []));

        var stored = store.ReadAcrossTemplates(["qop", "cpp", "not-recorded"], OctoberToNovember.From, OctoberToNovember.To);
        var report = StandardRollup.Build([.. stored.Select(StandardsReportCommand.Source)], OctoberToNovember);

        stored.Select(s => (s.Template.Id, s.Cases.Count)).ShouldBe([("qop", 4), ("cpp", 3)]);
        stored[1].Template.Criteria.Select(c => c.Standard).ShouldBe(["plan_smart", "seen_alone", "cpp_only"]);
        stored[0].Template.Criteria[2].Standard.ShouldBeNull();
        var expected = StandardRollup.Build(Sources(), OctoberToNovember);
        report.Standards.Select(s => s.Id).ShouldBe(["plan_smart", "seen_alone"]);
        var seen = report.Standards[1];
        (seen.Overall.Met, seen.Overall.Partly, seen.Overall.NotMet, seen.Overall.Missing, seen.Overall.N).ShouldBe((3, 2, 1, 1, 6));
        seen.Overall.Compliance!.Value.ShouldBe(0.625, 1e-9);
        seen.Teams.Select(t => t.Team).ShouldBe(["Team A", "Team B"]);
        report.Standards.ShouldBe(expected.Standards, new SummaryComparer());
    }

    [StoreFact]
    public void ReadAcrossTemplates_OneTeam_ReadsThatTeamsAuditsOnly()
    {
        var store = Open();
        store.RecordRun(new StoredRun(Qop, new DateOnly(2026, 12, 31), QopCases.Select(c => new StoredCase(c)), []));
        store.RecordRun(new StoredRun(Cpp, new DateOnly(2026, 12, 31), CppCases.Select(c => new StoredCase(c)), []));

        var stored = store.ReadAcrossTemplates(["cpp", "qop"], OctoberToNovember.From, OctoberToNovember.To, "Team B");

        stored.SelectMany(s => s.Cases).Select(c => c.AuditId).ShouldBe(["C2", "C3", "Q2"]);
    }

    [StoreFact]
    public void ReadAcrossTemplates_LatestVersionsStandards_AreAppliedToEveryAuditOfTheTemplate()
    {
        // Version 3 without standards, then version 4 tags them: the roll-up counts version 3's audits by version 4's tags.
        var store = Open();
        var untagged = Qop with { Version = 3, SourceHash = "untagged", Criteria = [.. Qop.Criteria.Select(c => c with { Standard = null })] };
        store.RecordRun(new StoredRun(untagged, new DateOnly(2026, 10, 31), QopCases.Take(2).Select(c => new StoredCase(c)), []));
        store.RecordRun(new StoredRun(Qop with { Version = 4 }, new DateOnly(2026, 11, 30), QopCases.Skip(2).Select(c => new StoredCase(c)), []));

        var stored = store.ReadAcrossTemplates(["qop"], OctoberToNovember.From, OctoberToNovember.To).Single();

        stored.Template.Version.ShouldBe(4);
        stored.Template.Criteria.Select(c => c.Standard).ShouldBe(["seen_alone", "plan_smart", null]);
        stored.Cases.Select(c => c.AuditId).ShouldBe(["Q1", "Q2", "Q3", "Q4"]);
    }

    [StoreFact]
    public void Open_StoreFromBeforeStandards_MigratesAndItsCriteriaHaveNone()
    {
        // A store of the schema before standards, holding one audit of qop (its criteria as that schema kept them).
        using (var old = SqlAuditStoreAt(Schema.Latest - 1))
        {
            old.SchemaVersion.ShouldBe(Schema.Latest - 1);
        }

        Raw("INSERT INTO templates (template_id, version, source_hash, title, partly_weight, first_recorded) VALUES ('qop', 3, 'hash-qop', 'Quality of practice', 0.5, '2026-10-31')");
        for (var i = 0; i < Qop.Criteria.Length; i++)
        {
            Raw($"INSERT INTO template_criteria (template_id, version, source_hash, position, criterion_id, target, critical) VALUES ('qop', 3, 'hash-qop', {i}, '{Qop.Criteria[i].Id}', 0.8, 0)");
        }

        Raw("""
            INSERT INTO submissions (template_id, audit_id, revision, is_current, content_hash, template_version, template_hash, audit_date,
                auditor, case_ref, case_type, team, recorded_as_of, outcomes)
            VALUES ('qop', 'Q1', 1, 1, 'h', 3, 'hash-qop', '2026-10-05', 'Auditor One', 'C-Q1', 'CP', 'Team A', '2026-10-31', 'MPM')
            """);

        // Opening migrates; cpp, recorded after, keeps its standards.
        var store = Open();
        store.SchemaVersion.ShouldBe(Schema.Latest);
        store.RecordRun(new StoredRun(Cpp, new DateOnly(2026, 12, 31), CppCases.Select(c => new StoredCase(c)), []));

        var stored = store.ReadAcrossTemplates(["cpp", "qop"], OctoberToNovember.From, OctoberToNovember.To);
        stored[1].Template.Criteria.Select(c => c.Id).ShouldBe(["seen_alone", "plan_smart", "recording"]);
        stored[1].Template.Criteria.ShouldAllBe(c => c.Standard == null);
        stored[1].Cases.Single().AuditId.ShouldBe("Q1");
        stored[0].Template.Criteria.Select(c => c.Standard).ShouldBe(["plan_smart", "seen_alone", "cpp_only"]);
        StandardRollup.Shared([.. stored.Select(StandardsReportCommand.Source)]).ShouldBeEmpty();
        Convert.ToInt64(Raw("SELECT count(*) FROM template_criteria WHERE standard IS NULL"), System.Globalization.CultureInfo.InvariantCulture).ShouldBe(3);
    }

    /// <summary>Standard summaries compared by value (their arrays compare by reference).</summary>
    private sealed class SummaryComparer : IEqualityComparer<StandardSummary>
    {
        public bool Equals(StandardSummary? x, StandardSummary? y) =>
            x is not null && y is not null && x.Id == y.Id && x.Overall == y.Overall
            && x.CarriedBy.SequenceEqual(y.CarriedBy) && x.Periods.SequenceEqual(y.Periods)
            && x.Teams.Length == y.Teams.Length
            && x.Teams.Zip(y.Teams).All(t => t.First.Team == t.Second.Team && t.First.Overall == t.Second.Overall && t.First.Periods.SequenceEqual(t.Second.Periods));

        public int GetHashCode(StandardSummary obj) => obj.Id.GetHashCode(StringComparison.Ordinal);
    }
}
