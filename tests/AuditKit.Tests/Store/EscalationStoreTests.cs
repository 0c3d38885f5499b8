using AuditKit.Calendar;
using AuditKit.Cli.Commands;
using AuditKit.Evaluation;
using AuditKit.Runs;
using AuditKit.Store;
using AuditKit.Submissions;
using AuditKit.Templates;
using AuditKit.Tests.Support;

namespace AuditKit.Tests.Store;

/// <summary>
/// The bundled escalations and the re-audit link, on hand-worked fixtures built from one sample audit, recorded into
/// SQLite files and databases of a real PostgreSQL server.
/// </summary>
public abstract class EscalationStoreTests : IDisposable
{
    private static readonly Lazy<CompiledRuleSet> Rules = new(() =>
        TemplateValidator.ValidateTemplate(RepoPaths.InRepo("templates", "quality-of-practice.yaml"), null, EnglandAndWalesCalendar.Default).Compiled
        ?? throw new InvalidOperationException("The bundled template does not compile."));

    private static readonly Lazy<string[]> Sample = new(() =>
        File.ReadAllLines(RepoPaths.InRepo("samples", "audits", "quality-of-practice-2026-09-to-11.csv")));

    private readonly List<IAuditStore> _opened = [];

    protected abstract IAuditStore NewStore();

    public virtual void Dispose()
    {
        foreach (var store in _opened)
        {
            store.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    [StoreFact]
    public void RecordRun_StandardRedThreeMonthsRunning_RaisesServiceManagerEscalationInTheThirdOnly()
    {
        // Arrange: three audits a month for one team, each with the child not seen alone (Red on 0%).
        var store = Open();
        string[] Month(string month) =>
            [.. Enumerable.Range(1, 3).Select(i => Row("QA-2026-11-00005", $"T-{month}-{i}", $"2026-{month}-0{i + 1}", "Test Team", $"C-T{i}", ("child_seen_alone", "No")))];

        // Act
        Record(store, new DateOnly(2026, 9, 30), Month("09"));
        Record(store, new DateOnly(2026, 10, 30), Month("10"));
        var afterTwo = Escalations(store, new DateOnly(2026, 10, 30), "red_three_periods");
        Record(store, new DateOnly(2026, 11, 30), Month("11"));
        var afterThree = Escalations(store, new DateOnly(2026, 11, 30), "red_three_periods");

        // Assert
        afterTwo.ShouldBeEmpty();
        var seenAlone = afterThree.Where(a => a.Criterion == "child_seen_alone").ShouldHaveSingleItem();
        seenAlone.Period.ShouldBe("2026-11");
        seenAlone.Team.ShouldBe("Test Team");
        seenAlone.Owner.ShouldBe("service_manager");
        seenAlone.Due.ShouldBe(new DateOnly(2026, 12, 14)); // 10 working days after 2026-11-30
        var raised = store.ActionHistory(seenAlone.Id).First();
        raised.Note.ShouldBe("escalation red_three_periods: periods_red >= 3 [periods_red=3] -> true");
    }

    [StoreFact]
    public void RecordRun_CaseActionOverdueNineThenTenWorkingDays_EscalatesToItsEscalateToAtTen()
    {
        // Arrange: one audit judged Inadequate on Monday 2026-11-02; its review is due 5 working days later, 2026-11-09,
        // and escalates to the head of service. 2026-11-20 is 9 working days after that, 2026-11-23 is 10.
        var store = Open();
        var audit = Row("QA-2026-11-00005", "T-1", "2026-11-02", "Test Team", "C-T1");

        // Act
        var nine = Record(store, new DateOnly(2026, 11, 20), audit);
        var atNine = Escalations(store, new DateOnly(2026, 11, 20), "case_action_overdue");
        Record(store, new DateOnly(2026, 11, 23), audit);
        var atTen = Escalations(store, new DateOnly(2026, 11, 23), "case_action_overdue");
        var again = Record(store, new DateOnly(2026, 11, 23), audit);

        // Assert
        nine.Periods.ShouldAllBe(p => p.Failures.IsEmpty);
        atNine.Where(a => a.Owner == "head_of_service").ShouldBeEmpty(); // (the safety check, due 2 working days after the audit, is escalated already)
        var review = store.ListActions(ActionFilter.Default, new DateOnly(2026, 11, 23))
            .Single(a => a.Scope == ActionScope.Case && a.Action.StartsWith("Team manager to review case C-T1", StringComparison.Ordinal));
        review.Due.ShouldBe(new DateOnly(2026, 11, 9));
        var escalation = atTen.Where(a => a.CaseRef == "C-T1" && a.Owner == "head_of_service").ShouldHaveSingleItem();
        escalation.Period.ShouldBe("2026-11");
        store.ActionHistory(escalation.Id).First().Note.ShouldBe(
            "escalation case_action_overdue: action_overdue_working_days >= 10 and escalate_to != '' "
            + $"[action_overdue_working_days=10, escalate_to='head_of_service'] -> true (about action {review.Id})");
        again.Added.ShouldBe(0);
        again.ActionsAdded.ShouldBe(0);
        again.ActionsRefreshed.ShouldBe(0);
        again.ActionsSuperseded.ShouldBe(0);
    }

    [StoreFact]
    public void RecordRun_ReauditStillInadequate_RaisesHeadOfServiceActionAndLinksTheRegister()
    {
        // Arrange: two November audits judged Inadequate; in December one case is re-audited with every standard met,
        // the other with the same answers as before.
        var store = Open();
        Record(
            store,
            new DateOnly(2026, 11, 30),
            Row("QA-2026-11-00005", "N-1", "2026-11-02", "Test Team", "C-1"),
            Row("QA-2026-11-00005", "N-2", "2026-11-03", "Test Team", "C-2"));

        // Act
        Record(
            store,
            new DateOnly(2026, 12, 4),
            Row("QA-2026-11-00005", "D-1", "2026-12-01", "Test Team", "C-1", AllMet()),
            Row("QA-2026-11-00005", "D-2", "2026-12-02", "Test Team", "C-2"));
        var escalations = Escalations(store, new DateOnly(2026, 12, 4), "reaudit_still_inadequate");
        var register = store.ListActions(ActionFilter.Default, new DateOnly(2026, 12, 4));

        // Assert
        var still = escalations.ShouldHaveSingleItem();
        still.CaseRef.ShouldBe("C-2");
        still.Owner.ShouldBe("head_of_service");
        still.Period.ShouldBe("2026-12");
        var calendar = EnglandAndWalesCalendar.Default;
        var reviewOne = register.Single(a => a.AuditId == "N-1" && a.Action.StartsWith("Team manager to review", StringComparison.Ordinal));
        reviewOne.Reaudit.ShouldBe(new ReauditLink("D-1", new DateOnly(2026, 12, 1), "Outstanding", null));
        reviewOne.DescribeReaudit(calendar, new DateOnly(2026, 12, 4)).ShouldBe("re-audited on 2026-12-01 (D-1): Outstanding");
        register.Single(a => a.AuditId == "N-1" && a.Criterion == "risk_and_protective_factors")
            .DescribeReaudit(calendar, new DateOnly(2026, 12, 4)).ShouldBe("re-audited on 2026-12-01 (D-1): Outstanding; the standard is now met");
        var risks = register.Single(a => a.AuditId == "N-2" && a.Criterion == "risk_and_protective_factors");
        risks.DescribeReaudit(calendar, new DateOnly(2026, 12, 4)).ShouldBe("re-audited on 2026-12-02 (D-2): Inadequate; the standard is still not met");
        var reviewTwoLater = register.Single(a => a.AuditId == "D-2" && a.Action.StartsWith("Team manager to review", StringComparison.Ordinal));
        reviewTwoLater.DescribeReaudit(calendar, new DateOnly(2026, 12, 4)).ShouldBe("re-audit due by 2027-01-04"); // 20 working days after 2026-12-02, past Christmas and New Year's Day
        reviewTwoLater.DescribeReaudit(calendar, new DateOnly(2027, 1, 5)).ShouldBe("re-audit overdue (due 2027-01-04)");
    }

    [StoreFact]
    public void ListActions_CaseAuditedThreeTimes_LinksEachAuditsActionsToTheNextAuditOfTheCase()
    {
        // Arrange: case C-1 audited on 2 and 20 November (both Inadequate) and on 1 December (every standard met); case
        // C-2 audited once.
        var store = Open();
        Record(
            store,
            new DateOnly(2026, 11, 30),
            Row("QA-2026-11-00005", "N-1", "2026-11-02", "Test Team", "C-1"),
            Row("QA-2026-11-00005", "N-3", "2026-11-20", "Test Team", "C-1"),
            Row("QA-2026-11-00005", "N-2", "2026-11-03", "Test Team", "C-2"));
        Record(store, new DateOnly(2026, 12, 4), Row("QA-2026-11-00005", "D-1", "2026-12-01", "Test Team", "C-1", AllMet()));

        // Act
        var register = store.ListActions(ActionFilter.Default, new DateOnly(2026, 12, 4));

        // Assert
        RegisterEntry Risks(string auditId) => register.Single(a => a.AuditId == auditId && a.Criterion == "risk_and_protective_factors");
        Risks("N-1").Reaudit.ShouldBe(new ReauditLink("N-3", new DateOnly(2026, 11, 20), "Inadequate", "not_met"));
        Risks("N-3").Reaudit.ShouldBe(new ReauditLink("D-1", new DateOnly(2026, 12, 1), "Outstanding", "met"));
        Risks("N-2").Reaudit.ShouldBeNull();
    }

    private static (string, string)[] AllMet() =>
    [
        ("child_seen_alone", "Yes"), ("child_views_recorded", "Yes"), ("family_views_recorded", "Yes"), ("home_environment_considered", "Yes"),
        ("risk_and_protective_factors", "Yes"), ("partner_agency_contributions", "Yes"), ("analysis_informs_plan", "Yes"),
        ("diversity_and_identity", "Yes"), ("plan_smart", "Yes"), ("core_group_effective", "Yes"), ("management_oversight", "Yes"),
        ("supervision_reflective", "Yes"), ("recording_up_to_date", "Yes"),
    ];

    private IAuditStore Open()
    {
        var store = NewStore();
        _opened.Add(store);
        return store;
    }

    /// <summary>A copy of the sample audit <paramref name="baseId"/> with another id, date, team and case, and the answers given.</summary>
    private static string Row(string baseId, string auditId, string date, string team, string caseRef, params (string Column, string Value)[] answers)
    {
        var header = Sample.Value[0].Split(',');
        var cells = Sample.Value.Single(l => l.StartsWith(baseId + ",", StringComparison.Ordinal)).Split(',');
        void Set(string column, string value) => cells[Array.IndexOf(header, column)] = value;
        Set("audit_id", auditId);
        Set("audit_date", date);
        Set("team", team);
        Set("case_ref", caseRef);
        Set("overall_grade", string.Empty);
        foreach (var (column, value) in answers)
        {
            Set(column, value);
        }

        return string.Join(',', cells);
    }

    private static StoreRunResult Record(IAuditStore store, DateOnly asOf, params string[] rows)
    {
        var csv = string.Join('\n', [Sample.Value[0], .. rows]) + "\n";
        var report = AuditRunner.Run(
            Rules.Value,
            CsvSubmissionReader.Read(new StringReader(csv), "audits.csv"),
            new RunOptions(asOf, EnglandAndWalesCalendar.Default, CollectCases: true));
        report.Submissions.Rejected.ShouldBe(0);
        return store.RecordRun(StoredRun.From(report, RecordedRun.Planning(report, Rules.Value, EnglandAndWalesCalendar.Default, null)));
    }

    private static List<RegisterEntry> Escalations(IAuditStore store, DateOnly asOf, string id) =>
        [.. store.ListActions(ActionFilter.Default, asOf).Where(a => a.RuleKey.EndsWith("/escalations/" + id, StringComparison.Ordinal))];
}

/// <summary><see cref="EscalationStoreTests"/> on SQLite files.</summary>
public sealed class SqliteEscalationStoreTests : EscalationStoreTests
{
    private readonly SqliteStoreFiles _stores = new("auditkit-escalations-");

    protected override IAuditStore NewStore() => _stores.NewStore();

    public override void Dispose()
    {
        base.Dispose();
        _stores.Dispose();
    }
}

/// <summary><see cref="EscalationStoreTests"/> on databases of a real PostgreSQL server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresEscalationStoreTests(PostgresServer server) : EscalationStoreTests
{
    protected override IAuditStore NewStore() => AuditStore.OpenPostgres(server.CreateDatabase());
}
