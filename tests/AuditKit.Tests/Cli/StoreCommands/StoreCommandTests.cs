using System.Text.Json;

namespace AuditKit.Tests.Cli.StoreCommands;

/// <summary>run, actions and trend end to end through the command line, on an SQLite store in a temp folder.</summary>
public sealed class StoreCommandTests : IDisposable
{
    private readonly StoreCliFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Run_SameFilesTwice_SecondRecordsNothingNew()
    {
        var csv = await _folder.SynthAsync("audits.csv", 40);

        var first = await _folder.AuditAsync("out", csv);
        var second = await _folder.AuditAsync("out", csv);

        first.ExitCode.ShouldBe(0, first.Error);
        first.Out.ShouldContain("Store auditkit.db: 40 audits (40 new, 0 revised, 0 unchanged); ");
        File.Exists(_folder.File("auditkit.db")).ShouldBeTrue();
        second.ExitCode.ShouldBe(0, second.Error);
        second.Out.ShouldContain("Store auditkit.db: 40 audits (0 new, 0 revised, 40 unchanged); ");
        second.Out.ShouldMatch(@"actions \(0 new, 0 refreshed, \d+ unchanged, 0 kept closed, 0 superseded\)\.");
    }

    [Fact]
    public async Task Run_CorrectedSubmission_SupersedesTheEarlierOneWithoutDoubleCounting()
    {
        var csv = await _folder.SynthAsync("audits.csv", 40);
        await _folder.AuditAsync("out", csv);
        var before = await TrendPoints("plan_smart");
        var lines = File.ReadAllLines(csv);
        var header = lines[0].Split(',');
        var column = Array.IndexOf(header, "plan_smart");
        var row = lines.Skip(1).Select(l => l.Split(',')).First(cells => cells[column] is "Yes" or "No");
        var wasMet = row[column] == "Yes";
        row[column] = wasMet ? "No" : "Yes";
        File.WriteAllLines(_folder.File("corrected.csv"), [lines[0], string.Join(',', row)]);

        var result = await _folder.AuditAsync("out2", "corrected.csv");

        result.Out.ShouldContain("Store auditkit.db: 1 audits (0 new, 1 revised, 0 unchanged); ");
        var after = await TrendPoints("plan_smart");
        after.Sum(p => p.N).ShouldBe(before.Sum(p => p.N));
        var metBefore = before.Sum(p => p.Compliance * p.N);
        var metAfter = after.Sum(p => p.Compliance * p.N);
        (metAfter - metBefore).ShouldBe(wasMet ? -1 : 1, 1e-9);
    }

    [Fact]
    public async Task Run_LaterRunSpellsATeamAnotherWay_MatchedToTheStoresTeamWithAWarning()
    {
        // Arrange: November recorded as "Child Protection East"; December's file spells it "Child Protection east".
        var november = await _folder.SynthAsync("november.csv", 30, endMonth: "2026-11", months: 1);
        var december = await _folder.SynthAsync("december.csv", 30, endMonth: "2026-12", months: 1);
        var text = File.ReadAllText(december);
        text.ShouldContain(",Child Protection East,");
        File.WriteAllText(december, text.Replace(",Child Protection East,", ",Child Protection east,", StringComparison.Ordinal));
        (await _folder.AuditAsync("out1", november)).ExitCode.ShouldBe(0);

        // Act
        var result = await _folder.AuditAsync("out2", december);

        // Assert
        result.ExitCode.ShouldBe(0, result.Error);
        result.Error.ShouldContain("warning AK3007: Team 'Child Protection east' (row ");
        result.Error.ShouldContain("differs from 'Child Protection East', a team already in the store auditkit.db, only in case or spacing");
        using var summary = JsonDocument.Parse(File.ReadAllText(_folder.File("out2/summary.json")));
        summary.RootElement.GetProperty("teams").EnumerateArray().Select(t => t.GetProperty("team").GetString()).ShouldContain("Child Protection East");
        summary.RootElement.GetProperty("teams").EnumerateArray().Select(t => t.GetProperty("team").GetString()).ShouldNotContain("Child Protection east");
        var trend = await _folder.RunAsync("trend", "--template", "quality-of-practice", "--team", "Child Protection East", "--format", "json");
        trend.ExitCode.ShouldBe(0, trend.Error);
        trend.Out.ShouldContain("\"2026-12\"");
        using var store = AuditKit.Store.AuditStore.OpenSqlite(_folder.File("auditkit.db"));
        store.TeamNames().ShouldNotContain("Child Protection east");
    }

    [Fact]
    public async Task Run_AuditorsComments_AreKeptInTheStoreAndACorrectedCommentIsARevision()
    {
        // Arrange: a comment column beside child_seen_alone, filled in on the first audit only.
        var csv = await _folder.SynthAsync("audits.csv", 10, months: 1);
        var lines = File.ReadAllLines(csv);
        var header = lines[0].Split(',').ToList();
        var column = header.IndexOf("child_seen_alone");
        column.ShouldBeGreaterThan(0);
        string WithComment(string line, string comment)
        {
            var cells = line.Split(',').ToList();
            cells.Insert(column + 1, comment);
            return string.Join(',', cells);
        }

        File.WriteAllLines(csv, [WithComment(lines[0], "child_seen_alone_comment"), WithComment(lines[1], "\"Seen at school, alone\""), .. lines.Skip(2).Select(l => WithComment(l, string.Empty))]);
        var auditId = lines[1].Split(',')[0];

        // Act
        var first = await _folder.AuditAsync("out", csv);
        File.WriteAllText(csv, File.ReadAllText(csv).Replace("Seen at school, alone", "Seen at home, alone", StringComparison.Ordinal));
        var second = await _folder.AuditAsync("out", csv);

        // Assert
        first.ExitCode.ShouldBe(0, first.Error);
        second.Out.ShouldContain("Store auditkit.db: 10 audits (0 new, 1 revised, 9 unchanged); ");
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_folder.File("auditkit.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT revision, comments FROM submissions WHERE audit_id = @a ORDER BY revision";
        command.Parameters.AddWithValue("@a", auditId);
        using var reader = command.ExecuteReader();
        var revisions = new List<string>();
        while (reader.Read())
        {
            revisions.Add(reader.GetString(1));
        }

        revisions.ShouldBe(["{\"child_seen_alone\":\"Seen at school, alone\"}", "{\"child_seen_alone\":\"Seen at home, alone\"}"]);
        using var others = connection.CreateCommand();
        others.CommandText = "SELECT count(*) FROM submissions WHERE comments IS NOT NULL";
        Convert.ToInt32(others.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture).ShouldBe(2);
    }

    [Fact]
    public async Task ActionsUpdate_DoneAction_StaysClosedWhenTheSameFilesRunAgain()
    {
        var csv = await _folder.SynthAsync("audits.csv", 40);
        await _folder.AuditAsync("out", csv);
        var id = (await ListJson("--status", "all"))[0].GetProperty("id").GetString()!;

        var update = await _folder.RunAsync("actions", "update", id, "--status", "done", "--note", "Re-audited in team meeting.", "--by", "Team manager", "--as-of", "2026-12-02");
        var again = await _folder.AuditAsync("out", csv);

        update.ExitCode.ShouldBe(0, update.Error);
        update.Out.ShouldBe($"Action {id}: open -> done on 2026-12-02.\n");
        // The escalation about it (overdue by 10 working days) is no longer called for once it is done.
        again.Out.ShouldContain(" 1 kept closed, 1 superseded).");
        var done = await ListJson("--status", "done");
        done.Select(e => e.GetProperty("id").GetString()).ShouldBe([id]);
        done[0].GetProperty("progress").GetString().ShouldBe("Complete");
        var show = await _folder.RunAsync("actions", "show", id, "--as-of", "2026-12-03");
        show.ExitCode.ShouldBe(0, show.Error);
        show.Out.ShouldContain("Re-audited in team meeting.");
        show.Out.ShouldContain("open -> done");
        show.Out.ShouldContain("raised");
    }

    [Fact]
    public async Task ActionsList_Json_HasTheRegisterFieldsAndFollowUpOfTeamActions()
    {
        var csv = await _folder.SynthAsync("audits.csv", 60);
        await _folder.AuditAsync("out", csv);

        var entries = await ListJson("--status", "all", "--as-of", "2026-12-01");

        entries.Length.ShouldBeGreaterThan(0);
        foreach (var field in new[] { "id", "scope", "team", "case_ref", "criterion", "action", "owner", "due", "status", "created", "updated", "progress", "escalate_to", "followed_up", "audit_date" })
        {
            entries[0].TryGetProperty(field, out _).ShouldBeTrue(field);
        }

        // Team actions on a criterion say whether the team reached the target later; case actions say when a re-audit
        // they ask for is due (none of these cases was audited again).
        var team = entries.Where(e => e.GetProperty("scope").GetString() == "team" && e.GetProperty("criterion").ValueKind == JsonValueKind.String).ToList();
        team.ShouldNotBeEmpty();
        team.ShouldAllBe(e => e.GetProperty("followed_up").GetString() == "no later audits");
        entries.Where(e => e.GetProperty("scope").GetString() == "case").ShouldAllBe(e =>
            e.GetProperty("followed_up").ValueKind == JsonValueKind.Null || e.GetProperty("followed_up").GetString()!.StartsWith("re-audit ", StringComparison.Ordinal));
        entries.Select(e => e.GetProperty("progress").GetString()).Distinct().ShouldBeSubsetOf(["On track", "Overdue", "Raised late"]);

        // A case action carries its audit's date; one due before the run that raised it is "Raised late", not "Overdue".
        var cases = entries.Where(e => e.GetProperty("scope").GetString() == "case").ToList();
        cases.ShouldAllBe(e => e.GetProperty("audit_date").ValueKind == JsonValueKind.String);
        team.ShouldAllBe(e => e.GetProperty("audit_date").ValueKind == JsonValueKind.Null);
        var late = cases.Where(e => string.CompareOrdinal(e.GetProperty("due").GetString(), e.GetProperty("created").GetString()) < 0).ToList();
        late.ShouldNotBeEmpty();
        late.ShouldAllBe(e => e.GetProperty("progress").GetString() == "Raised late");
        entries.Except(late).ShouldAllBe(e => e.GetProperty("progress").GetString() != "Raised late");
    }

    [Fact]
    public async Task ActionsList_FiltersAndCsv_SelectTeamAndEscapeFormulas()
    {
        var csv = await _folder.SynthAsync("audits.csv", 40);
        var lines = File.ReadAllLines(csv);
        var teamColumn = Array.IndexOf(lines[0].Split(','), "team");
        var renamed = lines.Select((line, i) =>
        {
            if (i == 0)
            {
                return line;
            }

            var cells = line.Split(',');
            cells[teamColumn] = "=Team Formula";
            return string.Join(',', cells);
        });
        File.WriteAllLines(_folder.File("formula.csv"), renamed);
        await _folder.AuditAsync("out", "formula.csv");

        var result = await _folder.RunAsync("actions", "list", "--team", "=Team Formula", "--status", "all", "--format", "csv");
        var none = await _folder.RunAsync("actions", "list", "--team", "Nobody", "--format", "json");
        var overdue = await _folder.RunAsync("actions", "list", "--overdue", "--as-of", "2030-01-01", "--format", "json");

        result.ExitCode.ShouldBe(0, result.Error);
        var rows = result.Out.TrimEnd('\n').Split('\n');
        rows[0].ShouldBe("id,template,scope,team,case_ref,criterion,action,owner,due,escalate_to,status,progress,created,updated,followed_up,audit_date,period");
        rows.Length.ShouldBeGreaterThan(1);
        rows.Skip(1).ShouldAllBe(r => r.Contains(",'=Team Formula,"));
        none.Out.Trim().ShouldBe("[]");
        // Past due and not done: overdue when it fell due after it was raised, raised late when before.
        var pastDue = JsonDocument.Parse(overdue.Out).RootElement.EnumerateArray().ToList();
        pastDue.ShouldNotBeEmpty();
        pastDue.ShouldAllBe(e => e.GetProperty("progress").GetString() ==
            (string.CompareOrdinal(e.GetProperty("due").GetString(), e.GetProperty("created").GetString()) < 0 ? "Raised late" : "Overdue"));
    }

    [Fact]
    public async Task ActionsShow_StoreOfSchema2_MigratesAndFindsEachActionByItsOldId()
    {
        // A store written before ids grew (8 audits, 60 actions, one closed with a note), and the audits it was made from.
        var store = _folder.File("old.db");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "TestData", "Store", "schema-2.db"), store);
        var audits = Path.Combine(AppContext.BaseDirectory, "TestData", "Store", "schema-2-audits.csv");

        var show = await _folder.RunAsync("actions", "show", "A-6708773AF976", "--db", store, "--as-of", "2026-12-02");
        var ids = (await ListJson("--status", "all", "--db", store)).Select(e => e.GetProperty("id").GetString()!).ToList();
        var again = await _folder.AuditAsync("out", audits, "--db", store);
        var third = await _folder.AuditAsync("out", audits, "--db", store);

        show.ExitCode.ShouldBe(0, show.Error);
        show.Out.ShouldContain("A-1d27ee080b64fc18da2bb17be7155e2e");
        show.Out.ShouldContain("Seen at visit");
        show.Out.ShouldContain("open -> done");
        ids.Count.ShouldBe(60);
        ids.ShouldAllBe(id => id.Length == 34);
        again.ExitCode.ShouldBe(0, again.Error);
        // Its team and service actions were planned from one run's files: they give way to those of the period, planned
        // from the store's audits (34 of each, and 3 escalations of overdue case actions); the case actions are
        // unchanged, the closed one stays closed.
        again.Out.ShouldContain("63 actions (37 new, 0 refreshed, 25 unchanged, 1 kept closed, 34 superseded).");
        again.Out.ShouldContain("Team and service actions of 2026-09 planned from the 8 audits the store holds for it (37 called for).");
        third.Out.ShouldContain("63 actions (0 new, 0 refreshed, 62 unchanged, 1 kept closed, 0 superseded).");
        again.Out.ShouldContain("8 audits (0 new, 0 revised, 8 unchanged)", customMessage: "migration 5 (comments) leaves the audits' content hashes as they were");
    }

    [Fact]
    public async Task ActionsShow_StartSharedByTwoIds_ListsBothAndExitsTwo()
    {
        // Enough actions that some share their first four digits.
        var csv = await _folder.SynthAsync("audits.csv", 200);
        await _folder.AuditAsync("out", csv);
        var ids = (await ListJson("--status", "all")).Select(e => e.GetProperty("id").GetString()!).ToList();
        var shared = ids.GroupBy(id => id[..6]).First(g => g.Count() > 1).ToList();

        var show = await _folder.RunAsync("actions", "show", "a-" + shared[0][2..6].ToUpperInvariant());
        var malformed = await _folder.RunAsync("actions", "show", "A-12");
        var whole = await _folder.RunAsync("actions", "update", shared[0].ToUpperInvariant(), "--status", "in_progress");

        show.ExitCode.ShouldBe(2);
        show.Error.ShouldStartWith("error AK5011: ");
        show.Error.ShouldContain(shared[0][..14]);
        malformed.ExitCode.ShouldBe(2);
        malformed.Error.ShouldContain("is not an action id");
        whole.ExitCode.ShouldBe(0, whole.Error);
    }

    [Fact]
    public async Task ActionsUpdate_UnknownId_SaysSoAndExitsTwo()
    {
        var csv = await _folder.SynthAsync("audits.csv", 20);
        await _folder.AuditAsync("out", csv);

        var result = await _folder.RunAsync("actions", "update", "A-000000000000", "--status", "done");
        var show = await _folder.RunAsync("actions", "show", "A-000000000000");
        var badStatus = await _folder.RunAsync("actions", "update", "A-000000000000", "--status", "finished");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldBe("error AK5002: No action 'A-000000000000' in this store. Use 'auditkit actions list --status all' to list the action ids.\n");
        show.ExitCode.ShouldBe(2);
        show.Error.ShouldContain("AK5002");
        badStatus.ExitCode.ShouldBe(2);
        badStatus.Error.ShouldContain("--status 'finished' is not a status");
    }

    [Fact]
    public async Task ActionsList_NoStoreFile_SaysSoAndExitsTwo()
    {
        var result = await _folder.RunAsync("actions", "list", "--db", "missing.db");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("error AK5006: There is no store at 'missing.db'.");
        File.Exists(_folder.File("missing.db")).ShouldBeFalse();
    }

    [Fact]
    public async Task Run_StoreThatIsNotADatabase_WritesOutputsThenExitsTwo()
    {
        var csv = await _folder.SynthAsync("audits.csv", 20);
        File.WriteAllText(_folder.File("notes.db"), "these are notes, not a database " + new string('x', 200));

        var result = await _folder.AuditAsync("out", csv, "--db", "notes.db");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("error AK5003: notes.db is not an AuditKit store");
        File.Exists(_folder.File("out/summary.json")).ShouldBeTrue();
    }

    [Fact]
    public async Task Run_NoStore_RecordsNothing()
    {
        var csv = await _folder.SynthAsync("audits.csv", 20);

        var result = await _folder.AuditAsync("out", csv, "--no-store");
        var both = await _folder.AuditAsync("out", csv, "--no-store", "--db", "x.db");

        result.ExitCode.ShouldBe(0, result.Error);
        result.Out.ShouldNotContain("Store ");
        File.Exists(_folder.File("auditkit.db")).ShouldBeFalse();
        both.ExitCode.ShouldBe(2);
        both.Error.ShouldBe("error: Give at most one of --db, --connection and --no-store.\n");
    }

    [Fact]
    public async Task Trend_Json_HasTheContractShapeForAnIdOrATemplateFile()
    {
        var csv = await _folder.SynthAsync("audits.csv", 90);
        await _folder.AuditAsync("out", csv, "--db", "history.db");

        var byId = await _folder.RunAsync("trend", "--template", "quality-of-practice", "--criterion", "child_seen_alone", "--format", "json", "--db", "history.db");
        var byFile = await _folder.RunAsync("trend", "--template", StoreCliFolder.Template, "--criterion", "child_seen_alone", "--format", "json", "--db", "history.db");
        var table = await _folder.RunAsync("trend", "--template", "quality-of-practice", "--team", "Child Protection East", "--db", "history.db");
        var unknown = await _folder.RunAsync("trend", "--template", "no-such-template", "--db", "history.db");

        byId.ExitCode.ShouldBe(0, byId.Error);
        byFile.Out.ShouldBe(byId.Out);
        var root = JsonDocument.Parse(byId.Out).RootElement;
        root.GetProperty("template").GetString().ShouldBe("quality-of-practice");
        var series = root.GetProperty("series").EnumerateArray().ToList();
        series[0].GetProperty("team").ValueKind.ShouldBe(JsonValueKind.Null);
        series.ShouldAllBe(s => s.GetProperty("criterion").GetString() == "child_seen_alone");
        var points = series[0].GetProperty("points").EnumerateArray().ToList();
        points.Select(p => p.GetProperty("period").GetString()).ShouldBe(["2026-09", "2026-10", "2026-11"]);
        points.ShouldAllBe(p => p.GetProperty("lcl").GetDouble() <= p.GetProperty("compliance").GetDouble()
            && p.GetProperty("compliance").GetDouble() <= p.GetProperty("ucl").GetDouble());
        points.Sum(p => p.GetProperty("n").GetInt32()).ShouldBeGreaterThan(0);
        series[0].TryGetProperty("centre", out _).ShouldBeTrue();
        series[0].TryGetProperty("signals", out _).ShouldBeTrue();
        table.ExitCode.ShouldBe(0, table.Error);
        table.Out.ShouldContain("Child Protection East - child_seen_alone");
        table.Out.ShouldNotContain("All teams");
        unknown.ExitCode.ShouldBe(2);
        unknown.Error.ShouldContain("error AK5007: history.db holds no audits of template 'no-such-template'.");
    }

    [Fact]
    public async Task Trend_BrokenTemplateFile_ReportsItsErrorsInsteadOfUsingItsId()
    {
        var csv = await _folder.SynthAsync("audits.csv", 30);
        await _folder.AuditAsync("out", csv, "--db", "history.db");
        var broken = System.IO.File.ReadAllText(StoreCliFolder.Template).Replace("title:", "titel:", StringComparison.Ordinal);
        System.IO.File.WriteAllText(_folder.File("broken.yaml"), broken);

        var result = await _folder.RunAsync("trend", "--template", "broken.yaml", "--db", "history.db");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("error AK1003: Unknown key 'titel'.");
        result.Error.ShouldContain("error AK5008");
        result.Out.ShouldBeEmpty();
    }

    private async Task<JsonElement[]> ListJson(params string[] options)
    {
        var result = await _folder.RunAsync(["actions", "list", "--format", "json", .. options]);
        result.ExitCode.ShouldBe(0, result.Error);
        return [.. JsonDocument.Parse(result.Out).RootElement.EnumerateArray()];
    }

    private async Task<List<(int N, double Compliance)>> TrendPoints(string criterion)
    {
        var result = await _folder.RunAsync("trend", "--template", "quality-of-practice", "--criterion", criterion, "--format", "json");
        result.ExitCode.ShouldBe(0, result.Error);
        var series = JsonDocument.Parse(result.Out).RootElement.GetProperty("series")[0];
        return [.. series.GetProperty("points").EnumerateArray().Select(p => (p.GetProperty("n").GetInt32(), p.GetProperty("compliance").GetDouble()))];
    }
}
