using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using AuditKit.Synthesis;
using AuditKit.Tests.Support;
using FsCheck;
using FsCheck.Fluent;

namespace AuditKit.Tests.Synthesis;

public sealed class SubmissionSynthesizerTests
{
    private static readonly DateOnly EndMonth = new(2026, 11, 1);
    private static readonly string[] Allowed = ["Yes", "Partly", "No", "N/A"];
    private static readonly string[] AnsweredCriteria =
        ["child_seen_alone", "views_recorded", "plan_smart", "management_oversight", "supervision_recorded", "partner_contributions", "risk_analysed"];

    private static readonly string[] RequiredAnswers = ["child_seen_alone", "views_recorded", "plan_smart", "management_oversight", "risk_analysed"];

    private static SynthesisOptions Options(int count, int seed = 42) => new(count, seed) { EndMonth = EndMonth };

    [Fact]
    public void Write_SameSeed_ByteIdenticalOutput()
    {
        var options = Options(500) with { CommentShare = 0.3, BrokenRows = 5 };

        var first = SynthesisCsv.Generate(options);
        var second = SynthesisCsv.Generate(options);

        Hash(first).ShouldBe(Hash(second));
    }

    [Fact]
    public void Write_DifferentSeed_DifferentOutput()
    {
        var first = SynthesisCsv.Generate(Options(200, seed: 1));
        var second = SynthesisCsv.Generate(Options(200, seed: 2));

        first.ShouldNotBe(second);
    }

    [Fact]
    public void Write_FirstRows_MatchSnapshot()
    {
        // Pins the exact bytes a seed gives, so a change to the generator is seen and deliberate.
        var csv = SynthesisCsv.Generate(Options(12, seed: 7) with { CommentShare = 0.5, BrokenRows = 5 });

        Snapshot.Match(csv, "synthesis-first-rows");
    }

    [Fact]
    public void Write_AnySeedAndCount_HeaderPlusCountRowsOfEqualWidth()
    {
        var template = SynthesisCsv.QualityTemplate();
        Prop.ForAll(
            Arb.From(Gen.Choose(0, 40)),
            Arb.From(Gen.Choose(int.MinValue, int.MaxValue)),
            (count, seed) =>
            {
                var records = SynthesisCsv.Parse(SynthesisCsv.Generate(Options(count, seed), template));
                return records.Count == count + 1 && records.All(r => r.Count == records[0].Count);
            })
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Write_Count_WritesHeaderAndThatManyRows()
    {
        var (_, rows) = SynthesisCsv.Read(SynthesisCsv.Generate(Options(1234)));

        rows.Count.ShouldBe(1234);
    }

    [Fact]
    public void Write_Columns_FixedThenAnsweredCriteriaThenFacts()
    {
        var (header, _) = SynthesisCsv.Read(SynthesisCsv.Generate(Options(3)));

        header.ShouldBe(
        [
            "audit_id", "audit_date", "auditor", "case_ref", "case_type", "team", "service", "practitioner", "template", "overall_grade",
            .. AnsweredCriteria,
            "child_age", "referral_date", "assessment_start_date", "assessment_completed_date", "last_visit_date", "primary_need",
            "has_disability", "allocated_worker",
        ]);
    }

    [Fact]
    public void Write_CommentShare_CommentColumnAfterEachAnsweredCriterion()
    {
        var options = Options(300) with { CommentShare = 0.5 };

        var (header, rows) = SynthesisCsv.Read(SynthesisCsv.Generate(options));

        header.ShouldBe(SubmissionSynthesizer.Columns(SynthesisCsv.QualityTemplate(), options));
        header.Skip(10).Take(4).ShouldBe(["child_seen_alone", "child_seen_alone_comment", "views_recorded", "views_recorded_comment"]);
        rows.Count(r => r["plan_smart_comment"].Length > 0).ShouldBeGreaterThan(10);
        rows.Where(r => r["plan_smart"] == "Yes").Count(r => r["plan_smart_comment"].Length > 0)
            .ShouldBeLessThan(rows.Where(r => r["plan_smart"] is "No" or "Partly").Count(r => r["plan_smart_comment"].Length > 0));
    }

    [Fact]
    public void Write_Answers_InAllowedSetAndRequiredNeverBlank()
    {
        var (_, rows) = SynthesisCsv.Read(SynthesisCsv.Generate(Options(2000) with { BlankShare = 0.2 }));

        foreach (var row in rows)
        {
            foreach (var id in AnsweredCriteria)
            {
                (row[id].Length == 0 || Allowed.Contains(row[id])).ShouldBeTrue($"{id}: '{row[id]}'");
            }

            foreach (var id in RequiredAnswers)
            {
                row[id].ShouldNotBeEmpty(id);
            }

            foreach (var id in new[] { "audit_id", "audit_date", "auditor", "case_ref", "case_type", "team", "referral_date" })
            {
                row[id].ShouldNotBeEmpty(id);
            }
        }

        foreach (var answer in Allowed)
        {
            rows.Count(r => r["views_recorded"] == answer).ShouldBeGreaterThan(0, answer);
        }
    }

    [Fact]
    public void Write_NotApplicable_MoreOftenWhereApplicabilityIsConditional()
    {
        var (_, rows) = SynthesisCsv.Read(SynthesisCsv.Generate(Options(2000)));

        var conditional = rows.Count(r => r["child_seen_alone"] == "N/A");
        var unconditional = rows.Count(r => r["views_recorded"] == "N/A");

        conditional.ShouldBeGreaterThan(unconditional * 5);
        unconditional.ShouldBeLessThan(100);
    }

    [Fact]
    public void Write_AuditDates_WeekdaysInTheMonthsAsked()
    {
        var (_, rows) = SynthesisCsv.Read(SynthesisCsv.Generate(Options(3000)));

        var dates = rows.Select(r => DateOnly.ParseExact(r["audit_date"], "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList();

        dates.ShouldAllBe(d => d >= new DateOnly(2026, 9, 1) && d <= new DateOnly(2026, 11, 30));
        dates.ShouldAllBe(d => d.DayOfWeek != DayOfWeek.Saturday && d.DayOfWeek != DayOfWeek.Sunday);
        dates.Select(d => d.Month).Distinct().Order().ShouldBe([9, 10, 11]);
        dates.ShouldBe(dates.Order().ToList());
    }

    [Fact]
    public void Write_AuditIdsAndCaseRefs_WellFormedAndIdsUnique()
    {
        var (_, rows) = SynthesisCsv.Read(SynthesisCsv.Generate(Options(3000)));

        rows.Select(r => r["audit_id"]).Distinct().Count().ShouldBe(3000);
        foreach (var row in rows)
        {
            row["audit_id"].ShouldMatch(@"^QA-2026-\d{2}-\d{5}$");
            row["audit_id"].Substring(8, 2).ShouldBe(row["audit_date"].Substring(5, 2));
            row["case_ref"].ShouldMatch(@"^C-\d{6}$");
        }
    }

    [Fact]
    public void Write_CaseTypes_FromTemplateAndWeightedByService()
    {
        var (_, rows) = SynthesisCsv.Read(SynthesisCsv.Generate(Options(3000)));

        rows.Select(r => r["case_type"]).Distinct().Order().ShouldBe(["CIN", "CP", "LAC"]);
        var inCare = rows.Where(r => r["team"] == "Children in Care 1").ToList();
        inCare.Count(r => r["case_type"] == "LAC").ShouldBeGreaterThan(inCare.Count / 2);
        var duty = rows.Where(r => r["team"] == "Duty and Assessment 1").ToList();
        duty.Count(r => r["case_type"] == "LAC").ShouldBeLessThan(duty.Count / 4);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    [InlineData(20)]
    public void Write_Teams_AsManyAsAskedGroupedIntoServices(int teams)
    {
        var (_, rows) = SynthesisCsv.Read(SynthesisCsv.Generate(Options(3000) with { Teams = teams, BlankShare = 0 }));

        rows.Select(r => r["team"]).Distinct().Count().ShouldBe(teams);
        rows.GroupBy(r => r["team"]).ShouldAllBe(g => g.Select(r => r["service"]).Distinct().Count() == 1);
        rows.Select(r => r["service"]).Distinct().Count().ShouldBe(teams == 1 ? 1 : teams == 6 ? 2 : 5);
    }

    [Fact]
    public void Write_People_AuditorsAreNotTheTeamsPractitioners()
    {
        var (_, rows) = SynthesisCsv.Read(SynthesisCsv.Generate(Options(2000) with { BlankShare = 0 }));

        var practitioners = rows.Select(r => r["practitioner"]).ToHashSet();
        var auditors = rows.Select(r => r["auditor"]).ToHashSet();

        auditors.Overlaps(practitioners).ShouldBeFalse();
        auditors.Count.ShouldBeInRange(6 * 2, (6 * 2) + 3);
        rows.GroupBy(r => r["team"]).ShouldAllBe(g => g.Select(r => r["practitioner"]).Distinct().Count() >= 6);
    }

    [Fact]
    public void Write_TeamQuality_BestAndWorstTeamDiffer()
    {
        var (_, rows) = SynthesisCsv.Read(SynthesisCsv.Generate(Options(2000, seed: 3)));

        var yesShares = rows.GroupBy(r => r["team"]).Select(g => YesShare(g)).ToList();

        (yesShares.Max() - yesShares.Min()).ShouldBeGreaterThan(0.15);
    }

    [Fact]
    public void Write_Months_TeamsImproveOrSlip()
    {
        var (_, rows) = SynthesisCsv.Read(SynthesisCsv.Generate(Options(12000) with { Months = 6 }));

        var changes = rows.GroupBy(r => r["team"])
            .Select(g => YesShare(g.Where(r => r["audit_date"].StartsWith("2026-11", StringComparison.Ordinal)))
                - YesShare(g.Where(r => r["audit_date"].StartsWith("2026-06", StringComparison.Ordinal))))
            .ToList();

        changes.Max().ShouldBeGreaterThan(0.05);
        changes.Min().ShouldBeLessThan(changes.Max() - 0.08);
    }

    [Fact]
    public void Write_OverallGrade_NamedAndFollowsTheAnswers()
    {
        var (_, rows) = SynthesisCsv.Read(SynthesisCsv.Generate(Options(3000)));

        rows.ShouldAllBe(r => r["overall_grade"].Length == 0 || SubmissionSynthesizer.GradeNames.Contains(r["overall_grade"]));
        var byGrade = rows.Where(r => r["overall_grade"].Length > 0).GroupBy(r => r["overall_grade"]).ToDictionary(g => g.Key, g => YesShare(g));
        byGrade.Keys.Order().ShouldBe(["Good", "Inadequate", "Outstanding", "Requires improvement"]);
        byGrade["Outstanding"].ShouldBeGreaterThan(byGrade["Good"]);
        byGrade["Good"].ShouldBeGreaterThan(byGrade["Inadequate"]);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.02)]
    [InlineData(0.1)]
    public void Write_BlankShare_ApproximatelyAsAskedInOptionalCells(double share)
    {
        var (_, rows) = SynthesisCsv.Read(SynthesisCsv.Generate(Options(4000) with { BlankShare = share }));
        string[] optional =
        [
            "service", "practitioner", "template", "overall_grade", "supervision_recorded", "partner_contributions",
            "child_age", "assessment_start_date", "assessment_completed_date", "last_visit_date", "primary_need", "has_disability",
            "allocated_worker",
        ];

        var cells = rows.SelectMany(r => optional.Select(c => r[c])).ToList();
        var blank = cells.Count(c => c.Length == 0) / (double)cells.Count;

        blank.ShouldBe(share, share * 0.15 + 0.0001);
    }

    [Fact]
    public void Write_Facts_PlausibleValuesAndDatesInOrder()
    {
        var (_, rows) = SynthesisCsv.Read(SynthesisCsv.Generate(Options(3000)));

        foreach (var row in rows)
        {
            var audit = Date(row["audit_date"])!.Value;
            var referral = Date(row["referral_date"]);
            var start = Date(row["assessment_start_date"]);
            var completed = Date(row["assessment_completed_date"]);
            var visit = Date(row["last_visit_date"]);
            foreach (var date in new[] { referral, start, completed })
            {
                if (date is { } d)
                {
                    (audit.DayNumber - d.DayNumber).ShouldBeInRange(0, 90);
                }
            }

            if (referral is { } r && start is { } s)
            {
                r.ShouldBeLessThanOrEqualTo(s);
            }

            if (start is { } s2 && completed is { } c)
            {
                s2.ShouldBeLessThanOrEqualTo(c);
            }

            if (visit is { } v)
            {
                (audit.DayNumber - v.DayNumber).ShouldBeInRange(1, 28);
            }

            if (row["child_age"].Length > 0)
            {
                int.Parse(row["child_age"], CultureInfo.InvariantCulture).ShouldBeInRange(0, 17);
            }

            (row["primary_need"] is "" or "Abuse or neglect" or "Family dysfunction" or "Child's disability").ShouldBeTrue(row["primary_need"]);
            (row["has_disability"] is "" or "Yes" or "No").ShouldBeTrue(row["has_disability"]);
            if (row["allocated_worker"].Length > 0 && row["practitioner"].Length > 0)
            {
                row["allocated_worker"].ShouldBe(row["practitioner"]);
            }
        }

        rows.Select(r => r["child_age"]).Distinct().Count().ShouldBe(19);
        rows.Count(r => r["primary_need"] == "Abuse or neglect").ShouldBeGreaterThan(rows.Count(r => r["primary_need"] == "Child's disability"));
    }

    [Fact]
    public void Write_Cells_NeverLookLikeFormulas()
    {
        var csv = SynthesisCsv.Generate(Options(2000) with { CommentShare = 1, BrokenRows = 20 });

        SynthesisCsv.Parse(csv).SelectMany(r => r).ShouldAllBe(cell => !AuditKit.Text.SpreadsheetSafety.LooksLikeFormula(cell));
    }

    [Fact]
    public void Write_NoBrokenRowsAsked_NoneOfTheBrokenShapes()
    {
        var (_, rows) = SynthesisCsv.Read(SynthesisCsv.Generate(Options(2000)));

        CountBroken(rows).ShouldBe((0, 0, 0, 0, 0));
    }

    [Fact]
    public void Write_BrokenRows_EachKindPresent()
    {
        var (_, rows) = SynthesisCsv.Read(SynthesisCsv.Generate(Options(400) with { BrokenRows = 10 }));

        rows.Count.ShouldBe(400);
        CountBroken(rows).ShouldBe((2, 2, 2, 2, 2));
    }

    [Fact]
    public void Write_BrokenRows_OtherRowsUnchanged()
    {
        var clean = SynthesisCsv.Read(SynthesisCsv.Generate(Options(100))).Rows;
        var broken = SynthesisCsv.Read(SynthesisCsv.Generate(Options(100) with { BrokenRows = 5 })).Rows;

        var differing = Enumerable.Range(0, 100).Where(i => !clean[i].OrderBy(p => p.Key).SequenceEqual(broken[i].OrderBy(p => p.Key))).ToList();

        // The five broken rows, and the audit ids after the duplicate (numbering in that month moves down by one).
        differing.Take(4).ShouldBe([16, 33, 50, 66]);
        differing.Skip(4).ShouldAllBe(i => clean[i]["case_ref"] == broken[i]["case_ref"] && clean[i]["audit_id"] != broken[i]["audit_id"] || i == 83);
    }

    [Fact]
    public void Write_ManyRows_WritesOneRowAtATime()
    {
        var counter = new CountingWriter();

        new SubmissionSynthesizer().Write(SynthesisCsv.QualityTemplate(), Options(200_000), counter);

        counter.Writes.ShouldBe(200_001);
        counter.Lines.ShouldBe(200_001);
        counter.Characters.ShouldBeGreaterThan(200_000L * 100);
    }

    [Fact]
    public void Write_TemplateWithoutCaseTypes_Throws()
    {
        var template = new TemplateBuilder().AppliesTo().Criterion("a").Build();

        Should.Throw<ArgumentException>(() => new SubmissionSynthesizer().Write(template, Options(1), TextWriter.Null));
    }

    [Fact]
    public void Write_InvalidOptions_Throws()
    {
        Should.Throw<ArgumentException>(() =>
            new SubmissionSynthesizer().Write(SynthesisCsv.QualityTemplate(), Options(10) with { BrokenRows = 6 }, TextWriter.Null));
    }

    [Fact]
    public void Write_TemplateWithOnlyComputedCriteriaAndNoFacts_StillWritesRows()
    {
        var template = new TemplateBuilder().AppliesTo("CP").Criterion("timely", metWhen: "case_type = 'CP'").Build();

        var (header, rows) = SynthesisCsv.Read(SynthesisCsv.Generate(Options(50) with { BrokenRows = 5 }, template));

        header.Count.ShouldBe(10);
        rows.Count.ShouldBe(50);
        rows.ShouldAllBe(r => r["overall_grade"].Length == 0);
    }

    private static double YesShare(IEnumerable<IReadOnlyDictionary<string, string>> rows)
    {
        var answers = rows.SelectMany(r => AnsweredCriteria.Select(c => r[c])).Where(a => a is "Yes" or "Partly" or "No").ToList();
        return answers.Count(a => a == "Yes") / (double)answers.Count;
    }

    private static DateOnly? Date(string text) =>
        text.Length == 0 ? null : DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static (int BadDate, int UnknownAnswer, int BlankRequired, int UnknownCaseType, int DuplicateIds) CountBroken(
        IReadOnlyList<IReadOnlyDictionary<string, string>> rows) =>
    (
        rows.Count(r => Regex.IsMatch(r["audit_date"], @"^31/02/\d{4}$")),
        rows.Count(r => AnsweredCriteria.Any(c => r[c] == "Maybe")),
        rows.Count(r => RequiredAnswers.Any(c => r[c].Length == 0)),
        rows.Count(r => r["case_type"] is not ("CIN" or "CP" or "LAC")),
        rows.GroupBy(r => r["audit_id"]).Count(g => g.Count() > 1));

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Counts what is written without keeping it; each call must carry exactly one whole row.</summary>
    private sealed class CountingWriter : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public long Characters { get; private set; }

        public int Writes { get; private set; }

        public int Lines { get; private set; }

        public override void Write(char value) => throw new InvalidOperationException("Rows are written whole.");

        public override void Write(char[] buffer, int index, int count) => Count(buffer.AsSpan(index, count));

        public override void Write(ReadOnlySpan<char> buffer) => Count(buffer);

        public override void Write(string? value) => Count(value);

        private void Count(ReadOnlySpan<char> chunk)
        {
            Writes++;
            Characters += chunk.Length;
            chunk.EndsWith("\r\n").ShouldBeTrue();
            chunk[..^2].Contains('\n').ShouldBeFalse();
            Lines++;
        }
    }
}
