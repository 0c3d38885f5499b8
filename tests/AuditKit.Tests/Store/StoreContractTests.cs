using AuditKit.Compliance.Trends;
using AuditKit.Store;
using AuditKit.Templates;
using static AuditKit.Tests.Store.StoreRuns;

namespace AuditKit.Tests.Store;

/// <summary>The behaviour every store must have; run against SQLite and a real PostgreSQL server.</summary>
public abstract partial class StoreContractTests : IDisposable
{
    private readonly List<IAuditStore> _opened = [];

    /// <summary>Opens the test's store on a new connection.</summary>
    protected abstract IAuditStore OpenStore();

    /// <summary>Runs SQL on the store's database directly, outside the store's API.</summary>
    protected abstract object? Raw(string sql);

    /// <summary>The SQL store behind what <see cref="AuditStore"/> opened (it is wrapped to translate failures).</summary>
    private protected static SqlAuditStore Sql(IAuditStore store) => store is GuardedAuditStore guarded ? guarded.Inner : (SqlAuditStore)store;

    protected IAuditStore Open()
    {
        var store = OpenStore();
        _opened.Add(store);
        return store;
    }

    public virtual void Dispose()
    {
        foreach (var store in _opened)
        {
            store.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    private long Count(string table) => Convert.ToInt64(Raw($"SELECT count(*) FROM {table}"), System.Globalization.CultureInfo.InvariantCulture);

    [StoreFact]
    public void Open_NewStore_IsAtLatestSchema()
    {
        using var store = OpenStore();
        using var again = OpenStore();

        store.SchemaVersion.ShouldBe(Schema.Latest);
        Count("schema_version").ShouldBe(Schema.Latest);
    }

    [StoreFact]
    public void RecordRun_TwoActionsWhoseShortIdsCollide_KeepsBothAndShowsEachLongEnough()
    {
        var store = Open();
        var first = CaseAction("A1", "Team A", D("2026-12-07")) with { Id = "A-3f9c2b1d0e7a" + "5" + new string('0', 19) };
        var second = CaseAction("A2", "Team A", D("2026-12-07")) with { Id = "A-3f9c2b1d0e7a" + "8" + new string('0', 19) };

        var result = store.RecordRun(Run(D("2026-11-30"), FromCsv("history.csv"), first, second));

        result.ActionsAdded.ShouldBe(2);
        var ids = store.ListActions(new ActionFilter(Status: ActionStatusFilter.All), D("2026-11-30")).Select(e => e.Id).ToList();
        ids.ShouldBe([first.Id, second.Id], ignoreOrder: true);
        store.FindActionIds("A-3f9c2b1d0e7a", 10).ShouldBe([first.Id, second.Id]);
        var shown = store.ActionIdPrefixes();
        shown.Shorten(first.Id).ShouldBe("A-3f9c2b1d0e7a5");
        shown.Shorten(second.Id).ShouldBe("A-3f9c2b1d0e7a8");
    }

    [StoreFact]
    public void TeamNames_RecordedRuns_EverySpellingOnceTheFirstRecordedFirst()
    {
        var store = Open();
        store.TeamNames().ShouldBeEmpty();
        store.RecordRun(Run(D("2026-11-30"), [new StoredCase(Case("T1", D("2026-11-02"), "Team B", Outcome.Met, Outcome.Met)), new StoredCase(Case("T2", D("2026-11-03"), "Team A", Outcome.Met, Outcome.Met))]));
        store.RecordRun(Run(D("2026-12-31"), [new StoredCase(Case("T3", D("2026-12-02"), "Team B", Outcome.Met, Outcome.Met)), new StoredCase(Case("T4", D("2026-12-03"), "Team C", Outcome.Met, Outcome.Met))]));

        store.TeamNames().ShouldBe(["Team B", "Team A", "Team C"]);
    }

    [StoreFact]
    public void RecordRun_CasesWithComments_KeepsEachRevisionsCommentsByCriterionAndACorrectedCommentIsARevision()
    {
        // Arrange: comments on both criteria of one case (with text JSON must escape), on one criterion of another, none on a third.
        var store = Open();
        var both = Case("K1", D("2026-11-02"), "Team A", Outcome.Met, Outcome.NotMet) with { Comments = ["Seen at \"school\", alone.", "No dates in the plan.\nAsk the SW."] };
        var one = Case("K2", D("2026-11-03"), "Team A", Outcome.Met, Outcome.Met) with { Comments = [null, "Siobhán Ó Briain's plan is clear."] };
        var none = Case("K3", D("2026-11-04"), "Team A", Outcome.Met, Outcome.Met);

        // Act
        var first = store.RecordRun(Run(D("2026-11-30"), [new StoredCase(both), new StoredCase(one), new StoredCase(none)]));
        var corrected = store.RecordRun(Run(D("2026-12-01"), [new StoredCase(both), new StoredCase(one with { Comments = [null, "Plan is clear."] }), new StoredCase(none)]));

        // Assert
        first.Added.ShouldBe(3);
        corrected.ShouldBe(new StoreRunResult(3, 0, 1, 2, 0, 0, 0, 0));
        Raw("SELECT comments FROM submissions WHERE audit_id = 'K1'").ShouldBe("{\"seen_alone\":\"Seen at \\\"school\\\", alone.\",\"plan_smart\":\"No dates in the plan.\\nAsk the SW.\"}");
        Raw("SELECT comments FROM submissions WHERE audit_id = 'K2' AND revision = 1").ShouldBe("{\"plan_smart\":\"Siobhán Ó Briain's plan is clear.\"}");
        Raw("SELECT comments FROM submissions WHERE audit_id = 'K2' AND is_current = 1").ShouldBe("{\"plan_smart\":\"Plan is clear.\"}");
        Raw("SELECT comments FROM submissions WHERE audit_id = 'K3'").ShouldBeOneOf(null, DBNull.Value);
        using var parsed = System.Text.Json.JsonDocument.Parse((string)Raw("SELECT comments FROM submissions WHERE audit_id = 'K1'")!);
        parsed.RootElement.GetProperty("plan_smart").GetString().ShouldBe("No dates in the plan.\nAsk the SW.");
    }

    [StoreFact]
    public void RecordRun_NewCases_AddsEveryCaseWithItsFindings()
    {
        var store = Open();

        var result = store.RecordRun(Run(D("2026-11-30"), FromCsv("history.csv"), TeamAction("Team A", "plan_smart", D("2026-12-28"))));

        result.ShouldBe(new StoreRunResult(9, 9, 0, 0, 1, 0, 0, 0));
        Count("submissions").ShouldBe(9);
        Raw("SELECT outcomes FROM submissions WHERE audit_id = 'A1'").ShouldBe("MN");
        Raw("SELECT outcomes FROM submissions WHERE audit_id = 'A2'").ShouldBe("PM");
        Count("template_criteria").ShouldBe(2);
        Count("templates").ShouldBe(1);
    }

    [StoreFact]
    public void RecordRun_SameRunTwice_ChangesNothing()
    {
        var store = Open();
        var run = Run(D("2026-11-30"), FromCsv("history.csv"), TeamAction("Team A", "plan_smart", D("2026-12-28")), CaseAction("A3", "Team A", D("2026-09-27")));
        store.RecordRun(run);
        var trendBefore = TrendJson.Write(store.Trend(TemplateId));
        var historyBefore = Count("action_history");

        var second = Open().RecordRun(run with { Cases = FromCsv("history.csv") });

        second.ShouldBe(new StoreRunResult(9, 0, 0, 9, 0, 0, 2, 0));
        Count("submissions").ShouldBe(9);
        Count("actions").ShouldBe(2);
        Count("action_history").ShouldBe(historyBefore);
        TrendJson.Write(store.Trend(TemplateId)).ShouldBe(trendBefore);
    }

    [StoreFact]
    public void RecordRun_CorrectedSubmission_SupersedesEarlierRevisionInFigures()
    {
        var store = Open();
        store.RecordRun(Run(D("2026-11-30"), FromCsv("history.csv")));
        var corrected = FromCsv("history.csv").Select(c => c.Row.AuditId == "A3"
            ? c with { Row = c.Row with { Outcomes = [Outcome.Met, Outcome.NotApplicable] } }
            : c).ToList();

        var result = store.RecordRun(Run(D("2026-12-31"), corrected));

        result.Revised.ShouldBe(1);
        result.Unchanged.ShouldBe(8);
        var revisions = Sql(store).Revisions(TemplateId, "A3");
        revisions.Select(r => (r.Revision, r.IsCurrent)).ShouldBe([(1, false), (2, true)]);

        // Team A seen_alone, September: met 2 (A1, corrected A3), partly 1 (A2) -> 2.5 / 3.
        var teamA = store.Trend(TemplateId, "Team A", "seen_alone").Series.Single();
        teamA.Points[0].Period.ShouldBe("2026-09");
        teamA.Points[0].N.ShouldBe(3);
        teamA.Points[0].Compliance.ShouldBe(2.5 / 3, 1e-12);
    }

    [StoreFact]
    public void RecordRun_CallerContentHash_DecidesWhatIsARevision()
    {
        var store = Open();
        var row = Case("X1", D("2026-10-01"), "Team A", Outcome.Met, Outcome.Met);
        store.RecordRun(Run(D("2026-10-31"), [new StoredCase(row, "answers-v1")]));

        var same = store.RecordRun(Run(D("2026-10-31"), [new StoredCase(row, "answers-v1")]));
        var changed = store.RecordRun(Run(D("2026-10-31"), [new StoredCase(row, "answers-v2")]));

        same.Unchanged.ShouldBe(1);
        changed.Revised.ShouldBe(1);
    }

    [StoreFact]
    public void Trend_StoredHistory_MatchesHandComputedCompliance()
    {
        var store = Open();
        store.RecordRun(Run(D("2026-11-30"), FromCsv("history.csv")));

        var report = store.Trend(TemplateId);

        report.Template.ShouldBe(TemplateId);
        report.Series.Select(s => (s.Team, s.Criterion)).ShouldBe(
        [
            (null, "seen_alone"), (null, "plan_smart"),
            ("Team A", "seen_alone"), ("Team A", "plan_smart"),
            ("Team B", "seen_alone"), ("Team B", "plan_smart"),
        ]);

        // All teams, seen_alone: Sep met 2 partly 1 not 1 -> 2.5/4; Oct 2/3; Nov 2/2. Centre 6.5/9.
        var all = report.Series[0];
        all.Points.Select(p => p.Period).ShouldBe(["2026-09", "2026-10", "2026-11"]);
        all.Points.Select(p => p.N).ShouldBe([4, 3, 2]);
        all.Points.Select(p => p.Compliance).ShouldBe([0.625, 2.0 / 3, 1.0], 1e-12);
        all.Centre!.Value.ShouldBe(6.5 / 9, 1e-12);

        // Team A plan_smart: Sep not_met + met (A3 not applicable) -> 0.5; Oct met + partly -> 0.75; Nov partly -> 0.5.
        var teamA = report.Series[3];
        teamA.Points.Select(p => p.Compliance).ShouldBe([0.5, 0.75, 0.5], 1e-12);
        teamA.Points.Select(p => p.N).ShouldBe([2, 2, 1]);
    }

    [StoreFact]
    public void Trend_UnknownTemplate_IsEmpty()
    {
        Open().Trend("nothing-here").Series.ShouldBeEmpty();
    }

    [StoreFact]
    public void ListActions_Filters_SelectByTeamStatusOverdueAndTemplate()
    {
        var store = Open();
        var teamA = TeamAction("Team A", "plan_smart", D("2026-12-28"));
        var teamB = TeamAction("Team B", "seen_alone", D("2026-11-20"));
        var caseA = CaseAction("A3", "Team A", D("2026-09-27"));
        store.RecordRun(Run(D("2026-11-30"), FromCsv("history.csv"), teamA, teamB, caseA));
        store.UpdateAction(caseA.Id, ActionStatus.Done, "Reviewed.", "TM", D("2026-12-01"));
        var asOf = D("2026-12-01");

        store.ListActions(ActionFilter.Default, asOf).Select(a => a.Id).ShouldBe([teamB.Id, teamA.Id]);
        store.ListActions(new ActionFilter(Status: ActionStatusFilter.All), asOf).Select(a => a.Id).ShouldBe([caseA.Id, teamB.Id, teamA.Id]);
        store.ListActions(new ActionFilter(Status: ActionStatusFilter.Done), asOf).Select(a => a.Id).ShouldBe([caseA.Id]);
        store.ListActions(new ActionFilter(Team: "Team A", Status: ActionStatusFilter.All), asOf).Select(a => a.Id).ShouldBe([caseA.Id, teamA.Id]);
        store.ListActions(new ActionFilter(Status: ActionStatusFilter.All, Overdue: true), asOf).Select(a => a.Id).ShouldBe([teamB.Id]);
        store.ListActions(new ActionFilter(TemplateId: "other"), asOf).ShouldBeEmpty();
        store.ListActions(new ActionFilter(Status: ActionStatusFilter.All, Id: teamA.Id), asOf).Select(a => a.Id).ShouldBe([teamA.Id]);
        store.ListActions(new ActionFilter(Status: ActionStatusFilter.All, AuditId: "A3"), asOf).Select(a => a.Id).ShouldBe([caseA.Id]);
        store.ListActions(new ActionFilter(AuditId: "A3"), asOf).ShouldBeEmpty(); // done, so not open
    }

    [StoreFact]
    public void ListActions_Entry_CarriesTheRegisterFields()
    {
        var store = Open();
        var action = CaseAction("A3", "Team A", D("2026-09-27"));
        store.RecordRun(Run(D("2026-09-20"), FromCsv("history.csv"), action));

        var entry = store.ListActions(ActionFilter.Default, D("2026-09-21")).Single();

        entry.ShouldBe(new RegisterEntry(
            action.Id, TemplateId, ActionScope.Case, "Team A", "C-A3", null, action.Text, "team_manager", D("2026-09-27"),
            "head_of_service", ActionStatus.Open, D("2026-09-20"), D("2026-09-20"), ActionProgress.OnTrack, null, null, Period: null, AuditId: "A3", AuditDate: D("2026-09-20"))
        {
            RuleKey = action.RuleKey,
        });
    }

    [StoreFact]
    public void ListActions_Progress_IsCompleteOnTrackOverdueRaisedLateOrCancelled()
    {
        var store = Open();
        var done = CaseAction("A1", "Team A", D("2026-10-01"));
        var onTrack = CaseAction("A2", "Team A", D("2026-12-01"));
        var overdue = CaseAction("A3", "Team A", D("2026-11-30"));
        var cancelled = CaseAction("A4", "Team A", D("2026-10-01"));
        var raisedLate = CaseAction("B1", "Team B", D("2026-11-27"));
        store.RecordRun(Run(D("2026-11-30"), FromCsv("history.csv"), done, onTrack, overdue, cancelled, raisedLate));
        store.UpdateAction(done.Id, ActionStatus.Done, null, null, D("2026-12-01"));
        store.UpdateAction(cancelled.Id, ActionStatus.Cancelled, "Case closed.", null, D("2026-12-01"));

        var progress = store.ListActions(new ActionFilter(Status: ActionStatusFilter.All), D("2026-12-01"))
            .ToDictionary(a => a.Id, a => a.Progress.ToDisplayName());

        progress[done.Id].ShouldBe("Complete");
        progress[onTrack.Id].ShouldBe("On track");
        progress[overdue.Id].ShouldBe("Overdue");
        progress[cancelled.Id].ShouldBe("Cancelled");

        // Due 2026-11-27, raised by the run of 2026-11-30: late in being raised, not in being done, and still listed
        // among the actions past their due date.
        progress[raisedLate.Id].ShouldBe("Raised late");
        store.ListActions(new ActionFilter(Overdue: true), D("2026-12-01")).Select(a => a.Id).ShouldBe([raisedLate.Id, overdue.Id], ignoreOrder: true);
    }

    [StoreFact]
    public void UpdateAction_StatusChanges_WriteAHistoryRowEach()
    {
        var store = Open();
        var action = CaseAction("A3", "Team A", D("2026-09-27"));
        store.RecordRun(Run(D("2026-09-20"), FromCsv("history.csv"), action));

        var first = store.UpdateAction(action.Id, ActionStatus.InProgress, "Started.", "Jo", D("2026-09-22"));
        var second = store.UpdateAction(action.Id, ActionStatus.Done, "Re-audited.", "Jo", D("2026-09-25"));

        first.ShouldBe(new UpdateResult(action.Id, UpdateOutcome.Updated, ActionStatus.Open, ActionStatus.InProgress, null, null));
        second.Previous.ShouldBe(ActionStatus.InProgress);
        store.ActionHistory(action.Id).ShouldBe(
        [
            new ActionHistoryEntry(D("2026-09-20"), "raised", null, ActionStatus.Open, null, null),
            new ActionHistoryEntry(D("2026-09-22"), "status", ActionStatus.Open, ActionStatus.InProgress, "Started.", "Jo"),
            new ActionHistoryEntry(D("2026-09-25"), "status", ActionStatus.InProgress, ActionStatus.Done, "Re-audited.", "Jo"),
        ]);
        var entry = store.ListActions(new ActionFilter(Status: ActionStatusFilter.All), D("2026-10-01")).Single();
        entry.Status.ShouldBe(ActionStatus.Done);
        entry.Updated.ShouldBe(D("2026-09-25"));
    }

    [StoreFact]
    public void UpdateAction_UnknownId_ReturnsNotFoundWithoutWriting()
    {
        var store = Open();
        store.RecordRun(Run(D("2026-09-20"), FromCsv("history.csv"), CaseAction("A3", "Team A", D("2026-09-27"))));

        var result = store.UpdateAction("A-000000000000", ActionStatus.Done, null, null, D("2026-09-22"));

        result.Outcome.ShouldBe(UpdateOutcome.NotFound);
        result.Success.ShouldBeFalse();
        result.Code.ShouldBe("AK5002");
        result.Message.ShouldBe("No action 'A-000000000000' in this store. Use 'auditkit actions list --status all' to list the action ids.");
        Count("action_history").ShouldBe(1);
    }

    [StoreFact]
    public void RecordRun_ClosedActionRaisedAgain_StaysClosed()
    {
        var store = Open();
        var action = TeamAction("Team A", "plan_smart", D("2026-10-28"));
        store.RecordRun(Run(D("2026-09-30"), FromCsv("history.csv"), action));
        store.UpdateAction(action.Id, ActionStatus.Done, null, null, D("2026-10-20"));

        var result = store.RecordRun(Run(D("2026-11-30"), FromCsv("history.csv"), action with { Text = "New wording.", Due = D("2026-12-28") }));

        result.ActionsKeptClosed.ShouldBe(1);
        var entry = store.ListActions(new ActionFilter(Status: ActionStatusFilter.All), D("2026-12-01")).Single();
        entry.Status.ShouldBe(ActionStatus.Done);
        entry.Action.ShouldBe(action.Text);
        entry.Due.ShouldBe(D("2026-10-28"));
    }

    [StoreFact]
    public void RecordRun_OpenActionRaisedAgain_RefreshesTextButKeepsDueAndCreated()
    {
        var store = Open();
        var action = TeamAction("Team A", "plan_smart", D("2026-10-28"));
        store.RecordRun(Run(D("2026-09-30"), FromCsv("history.csv"), action));

        var result = store.RecordRun(Run(D("2026-11-30"), FromCsv("history.csv"), action with { Text = "New wording.", Owner = "Sam Smith", Due = D("2026-12-28") }));

        result.ActionsRefreshed.ShouldBe(1);
        var entry = store.ListActions(ActionFilter.Default, D("2026-12-01")).Single();
        (entry.Action, entry.Owner, entry.Due, entry.Created, entry.Updated).ShouldBe(("New wording.", "Sam Smith", D("2026-10-28"), D("2026-09-30"), D("2026-11-30")));
        entry.Progress.ShouldBe(ActionProgress.Overdue);
        store.ActionHistory(action.Id).Select(h => h.Change).ShouldBe(["raised", "refreshed"]);
    }

    [StoreFact]
    public void ListActions_TeamActions_ShowWhetherTheTeamLaterReachedTarget()
    {
        var store = Open();
        var cases = FromCsv("history.csv");
        var notYet = TeamAction("Team A", "plan_smart", D("2026-10-28"));
        var reached = TeamAction("Team B", "seen_alone", D("2026-10-28"));
        var none = TeamAction("Team B", "plan_smart", D("2026-12-28"));
        var caseAction = CaseAction("A3", "Team A", D("2026-09-27"));
        store.RecordRun(Run(D("2026-09-30"), cases.Where(c => c.Row.AuditDate < D("2026-10-01")), notYet, reached, caseAction));
        store.RecordRun(Run(D("2026-11-30"), cases, none));

        var followUps = store.ListActions(ActionFilter.Default, D("2026-12-01")).ToDictionary(a => a.Id, a => a.FollowedUp);

        followUps[notYet.Id].ShouldBe("not yet");
        followUps[reached.Id].ShouldBe("reached target in 2026-11");
        followUps[none.Id].ShouldBe("no later audits");
        followUps[caseAction.Id].ShouldBeNull();
    }

    [StoreFact]
    public void RecordRun_FailureInsideTheWrite_LeavesTheStoreAsBefore()
    {
        var store = Sql(Open());
        store.RecordRun(Run(D("2026-09-30"), FromCsv("history.csv").Take(3), CaseAction("A1", "Team A", D("2026-10-01"))));
        var seen = 0;
        store.FaultHook = point =>
        {
            if (point == "case" && ++seen == 4)
            {
                throw new InvalidOperationException("Injected failure.");
            }
        };
        var corrected = FromCsv("history.csv").Select(c => c with { ContentHash = "v2-" + c.Row.AuditId });

        Should.Throw<InvalidOperationException>(() => store.RecordRun(Run(D("2026-11-30"), corrected, CaseAction("A2", "Team A", D("2026-12-01")))));

        store.FaultHook = null;
        Count("submissions").ShouldBe(3);
        Count("actions").ShouldBe(1);
        Count("templates").ShouldBe(1);
        Sql(Open()).Revisions(TemplateId, "A1").Count.ShouldBe(1);
        store.RecordRun(Run(D("2026-11-30"), FromCsv("history.csv"))).Added.ShouldBe(6);
    }

    [StoreFact]
    public void Open_StoreWithNewerSchema_ThrowsAndLeavesItUntouched()
    {
        Open();
        Raw($"INSERT INTO schema_version (version) VALUES ({Schema.Latest + 1})");
        var tablesBefore = Count("schema_version");

        var error = Should.Throw<StoreException>(() => OpenStore());

        error.Code.ShouldBe("AK5001");
        error.Message.ShouldContain($"was written by a newer AuditKit (schema {Schema.Latest + 1}; this program knows {Schema.Latest}). Use a newer AuditKit or another --");
        Count("schema_version").ShouldBe(tablesBefore);
        Convert.ToInt64(Raw("SELECT max(version) FROM schema_version"), System.Globalization.CultureInfo.InvariantCulture).ShouldBe(Schema.Latest + 1);
    }

    [StoreFact]
    public void Open_OlderSchema_MigratesToTheLatest()
    {
        using (var old = SqlAuditStoreAt(0))
        {
            old.SchemaVersion.ShouldBe(0);
        }

        Count("schema_version").ShouldBe(0);
        using var store = OpenStore();
        store.SchemaVersion.ShouldBe(Schema.Latest);
        Count("schema_version").ShouldBe(Schema.Latest);
        Count("actions").ShouldBe(0);
    }

    [StoreFact]
    public void Open_SchemaOneWithFindingsRows_FoldsThemIntoTheOutcomesColumn()
    {
        using (var old = SqlAuditStoreAt(1))
        {
            old.SchemaVersion.ShouldBe(1);
        }

        Raw("INSERT INTO templates (template_id, version, source_hash, title, partly_weight, first_recorded) VALUES ('qop', 1, 'hash-1', 'Quality of practice', 0.5, '2026-09-30')");
        Raw("INSERT INTO template_criteria (template_id, version, source_hash, position, criterion_id, target, critical) VALUES ('qop', 1, 'hash-1', 0, 'seen_alone', 0.9, 1)");
        Raw("INSERT INTO template_criteria (template_id, version, source_hash, position, criterion_id, target, critical) VALUES ('qop', 1, 'hash-1', 1, 'plan_smart', 0.8, 0)");
        Raw("""
            INSERT INTO submissions (template_id, audit_id, revision, is_current, content_hash, template_version, template_hash, audit_date,
                auditor, case_ref, case_type, team, recorded_as_of)
            VALUES ('qop', 'A1', 1, 1, 'h', 1, 'hash-1', '2026-09-03', 'Auditor One', 'C-A1', 'CP', 'Team A', '2026-09-30')
            """);
        var id = Convert.ToInt64(Raw("SELECT submission_id FROM submissions WHERE audit_id = 'A1'"), System.Globalization.CultureInfo.InvariantCulture);
        Raw($"INSERT INTO findings (submission_id, criterion_id, outcome) VALUES ({id}, 'plan_smart', 'partly')");
        Raw($"INSERT INTO findings (submission_id, criterion_id, outcome) VALUES ({id}, 'seen_alone', 'not_met')");

        using var store = OpenStore();

        store.SchemaVersion.ShouldBe(Schema.Latest);
        Raw("SELECT outcomes FROM submissions WHERE audit_id = 'A1'").ShouldBe("NP");
        var series = store.Trend(TemplateId, "Team A", "plan_smart").Series.Single();
        series.Points.Single().Compliance.ShouldBe(0.5, 1e-12);
    }

    [StoreFact]
    public void RecordRun_ManyActionsAndRevisions_AreAllStoredOnce()
    {
        // The store looks a run's audits and actions up a few hundred at a time: 1,200 of each cross two chunk boundaries.
        var store = Open();
        var cases = Enumerable.Range(0, 1200).Select(i => new StoredCase(Case($"M{i:D4}", D("2026-10-01"), "Team A", Outcome.NotMet, Outcome.Met))).ToList();
        var actions = cases.Select(c => CaseAction(c.Row.AuditId, "Team A", D("2026-10-15"))).ToArray();
        store.RecordRun(Run(D("2026-10-31"), cases, actions));

        var corrected = cases.Select((c, i) => i % 2 == 0 ? c with { Row = c.Row with { Outcomes = [Outcome.Met, Outcome.Met] } } : c).ToList();
        var result = store.RecordRun(Run(D("2026-11-30"), corrected, actions));

        (result.Added, result.Revised, result.Unchanged, result.ActionsUnchanged).ShouldBe((0, 600, 600, 1200));
        Count("submissions").ShouldBe(1800);
        Count("actions").ShouldBe(1200);
        Count("action_history").ShouldBe(1200);
        var listed = store.ListActions(ActionFilter.Default, D("2026-11-30")).Select(a => a.Id).ToList();
        (listed.SequenceEqual(actions.Select(a => a.Id))).ShouldBeTrue("the register lists every action once, sorted by case ref");
        var point = store.Trend(TemplateId, "Team A", "seen_alone").Series.Single().Points.Single();
        (point.N, point.Compliance).ShouldBe((1200, 0.5));
    }

    [StoreFact]
    public void Trend_TwoTemplateVersions_ReadsEachRowWithItsOwnCriteriaOrder()
    {
        var store = Open();
        store.RecordRun(Run(D("2026-09-30"), [new StoredCase(Case("V1", D("2026-09-03"), "Team A", Outcome.Met, Outcome.NotMet))]));
        var reordered = Template(2, "hash-2") with { Criteria = [.. Template().Criteria.Reverse()] };
        store.RecordRun(new StoredRun(reordered, D("2026-10-31"), [new StoredCase(Case("V2", D("2026-10-03"), "Team A", Outcome.NotMet, Outcome.Met))], []));

        var seenAlone = store.Trend(TemplateId, "Team A", "seen_alone").Series.Single();

        // V1 (version 1: seen_alone first) met; V2 (version 2: plan_smart first) seen_alone is its second outcome, met.
        seenAlone.Points.Select(p => (p.Period, p.Compliance)).ShouldBe([("2026-09", 1.0), ("2026-10", 1.0)]);
    }

    /// <summary>Opens the store as a program that knows only schema <paramref name="version"/>.</summary>
    protected abstract IAuditStore SqlAuditStoreAt(int version);

    [StoreFact]
    public async Task RecordRun_TwoConnectionsAtOnce_BothSucceedWithoutDoubleCounting()
    {
        Open();
        var action = TeamAction("Team A", "seen_alone", D("2026-12-28"));
        StoredRun MakeRun(string prefix) => Run(
            D("2026-11-30"),
            Enumerable.Range(0, 300).Select(i => new StoredCase(Case($"{prefix}{i}", D("2026-11-01").AddDays(i % 28), i % 2 == 0 ? "Team A" : "Team B", Outcome.Met, Outcome.NotMet))),
            action);

        // Two different runs and the same run twice, each on its own connection, all at once.
        var runs = new[] { MakeRun("P"), MakeRun("Q"), MakeRun("P") };
        var results = await Task.WhenAll(runs.Select(run => Task.Run(() =>
        {
            using var store = OpenStore();
            return store.RecordRun(run);
        })));

        results.Sum(r => r.Added).ShouldBe(600);
        results.Sum(r => r.Unchanged).ShouldBe(300);
        results.Sum(r => r.ActionsAdded).ShouldBe(1);
        Count("submissions").ShouldBe(600);
        Count("actions").ShouldBe(1);
        Open().Trend(TemplateId, criterion: "seen_alone").Series[0].Points.Single().N.ShouldBe(600);
    }
}
