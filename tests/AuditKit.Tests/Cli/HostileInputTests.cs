using System.Text;

namespace AuditKit.Tests.Cli;

/// <summary>
/// <c>auditkit</c> end to end on input a hostile tester would try (issue 13): every fault gives a located message
/// and the exit codes of contract 3, never "stopped unexpectedly".
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly CliFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Theory]
    [InlineData("[{\"audit_id\": \"J1\", \"auditor\": \"A \\ud800 B\"}]")]
    [InlineData("[{\"audit_id\": \"J1\", \"auditor\": \"A \u00ff B\"}]")]
    [InlineData("[{\"audit_id\": \"J1\"}] [{\"audit_id\": \"J2\"}]")]
    [InlineData("{\"audit_id\": \"J1\"}")]
    public async Task Run_BrokenJsonBesideAGoodFile_RejectsTheJsonAndRecordsTheOtherFile(string json)
    {
        // Arrange: \u00ff is written as the single byte 0xFF, which is not UTF-8.
        File.WriteAllBytes(_fixture.PathOf("audits", "broken.json"), Encoding.Latin1.GetBytes(json));

        // Act
        var result = await _fixture.RunAsync("run", "--template", "templates/mini-audit.yaml", "--submissions", "audits", "--out", "out", "--as-of", "2026-11-30", "--db", "h.db");

        // Assert
        result.ExitCode.ShouldBe(3, result.Error);
        result.Error.ShouldNotContain("unexpectedly");
        result.Out.ShouldContain("broken.json");
        result.Out.ShouldContain("Store h.db: 7 audits");
    }

    [Theory]
    [InlineData("9999-12-31")]
    [InlineData("0001-01-01")]
    public async Task Run_AsOfOutsideTheYearsDueDatesCanBeWorkedOut_IsAUsageError(string asOf)
    {
        // Act
        var result = await _fixture.RunAsync("run", "--template", "templates/mini-audit.yaml", "--submissions", "audits/mini.csv", "--out", "out", "--as-of", asOf, "--no-store");

        // Assert
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain($"--as-of '{asOf}' is outside the years AuditKit works out due dates for");
    }

    [Fact]
    public async Task Run_AuditDateInYear9999_IsRejectedAndEveryOtherRowKeepsItsActions()
    {
        // Arrange
        var csv = File.ReadAllText(_fixture.PathOf("audits", "mini.csv")).Replace("A3,2026-11-04", "A3,9999-12-31", StringComparison.Ordinal);
        File.WriteAllText(_fixture.PathOf("audits", "mini.csv"), csv);

        // Act
        var result = await _fixture.RunAsync("run", "--template", "templates/mini-audit.yaml", "--submissions", "audits/mini.csv", "--out", "out", "--as-of", "2026-11-30", "--no-store");

        // Assert
        result.ExitCode.ShouldBe(3, result.Error);
        var summary = _fixture.ReadText("out", "summary.json");
        summary.ShouldContain("audit_date: '9999-12-31' cannot be right");
        summary.ShouldNotContain("\"case_ref\": \"C-3\"");
    }

    [Theory]
    [InlineData("check")]
    [InlineData("run")]
    [InlineData("explain")]
    public async Task AnyCommand_MalformedAuditkitJson_SaysWhichFileAndLine(string command)
    {
        // Arrange
        File.WriteAllText(_fixture.PathOf("auditkit.json"), "{ \"Calendar\":\n  { \"ExtraHolidays\": [\"2026-12-24\", }\n");
        string[] args = command switch
        {
            "check" => ["check", "--template", "templates/mini-audit.yaml", "--submissions", "audits/mini.csv"],
            "run" => ["run", "--template", "templates/mini-audit.yaml", "--submissions", "audits/mini.csv", "--out", "out", "--as-of", "2026-11-30", "--no-store"],
            _ => ["explain", "--template", "templates/mini-audit.yaml", "--submissions", "audits/mini.csv"],
        };

        // Act
        var result = await _fixture.RunAsync(args);

        // Assert
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("The settings file 'auditkit.json' is not valid JSON (at line 2)");
        result.Error.ShouldNotContain("unexpectedly");
    }

    [Theory]
    [InlineData("actions", "AK5003")]
    [InlineData("trend", "AK5003")]
    [InlineData("run", "AK5003")]
    [InlineData("actions", "AK5009")]
    [InlineData("trend", "AK5009")]
    [InlineData("run", "AK5009")]
    public async Task StoreCommands_ForeignOrDamagedStore_ClearErrorWithItsCodeAndExit2(string command, string code)
    {
        // Arrange: another program's database, or a store whose schema_version no AuditKit wrote.
        var path = _fixture.PathOf("bad.db");
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var sql = connection.CreateCommand();
            sql.CommandText = code == "AK5003"
                ? "CREATE TABLE people (name TEXT)"
                : "CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY); INSERT INTO schema_version VALUES (-7)";
            sql.ExecuteNonQuery();
        }

        string[] args = command switch
        {
            "actions" => ["actions", "list", "--db", "bad.db"],
            "trend" => ["trend", "--template", "mini-audit", "--db", "bad.db"],
            _ => ["run", "--template", "templates/mini-audit.yaml", "--submissions", "audits/mini.csv", "--out", "out", "--as-of", "2026-11-30", "--db", "bad.db"],
        };

        // Act
        var result = await _fixture.RunAsync(args);

        // Assert
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain($"error {code}: bad.db ");
        result.Error.ShouldNotContain("SqliteException");
        result.Error.ShouldNotContain("unexpectedly");
    }

    [Fact]
    public async Task Run_CsvAndTeamDirectorySavedAsWindows1252_NamesReadAsWritten()
    {
        // Arrange: what Excel's "CSV (Comma delimited)" and Notepad's "ANSI" write on UK Windows.
        var windows1252 = AuditKit.Text.SourceEncoding.Windows1252;
        var csv = File.ReadAllText(_fixture.PathOf("audits", "mini.csv")).Replace("Ann Auditor", "Siobhán Ó Briain", StringComparison.Ordinal);
        File.WriteAllBytes(_fixture.PathOf("audits", "mini.csv"), windows1252.GetBytes(csv));
        var teams = File.ReadAllText(_fixture.PathOf("teams.yaml")).Replace("Tara Manager", "Réné Müller", StringComparison.Ordinal);
        File.WriteAllBytes(_fixture.PathOf("teams.yaml"), windows1252.GetBytes(teams));

        // Act
        var result = await _fixture.RunAsync("run", "--template", "templates/mini-audit.yaml", "--submissions", "audits/mini.csv", "--out", "out", "--as-of", "2026-11-30", "--directory", "teams.yaml", "--db", "h.db");

        // Assert
        result.ExitCode.ShouldBe(3, result.Error);
        using var summary = System.Text.Json.JsonDocument.Parse(_fixture.ReadText("out", "summary.json"));
        var owners = summary.RootElement.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("owner").GetString()).ToList();
        owners.ShouldContain("Réné Müller");
        owners.ShouldAllBe(o => o != null && !o.Contains('\uFFFD'));
        result.Out.ShouldContain("Réné Müller");
    }

    [Theory]
    [InlineData("check")]
    [InlineData("run")]
    public async Task CheckAndRun_ControlCharactersInIds_RejectedAndNeverPrintedRaw(string command)
    {
        // Arrange: an audit id with a terminal escape sequence, a team with a NUL.
        var csv = File.ReadAllText(_fixture.PathOf("audits", "mini.csv"))
            .Replace("A1,", "A1\u001b[2J,", StringComparison.Ordinal)
            .Replace("A2,03/11/2026,Ann Auditor,C-2,CIN,Team A", "A2,03/11/2026,Ann Auditor,C-2,CIN,Team\0A", StringComparison.Ordinal);
        File.WriteAllText(_fixture.PathOf("audits", "mini.csv"), csv);
        string[] args = command == "check"
            ? ["check", "--template", "templates/mini-audit.yaml", "--submissions", "audits/mini.csv", "--as-of", "2026-11-30"]
            : ["run", "--template", "templates/mini-audit.yaml", "--submissions", "audits/mini.csv", "--out", "out", "--as-of", "2026-11-30", "--no-store"];

        // Act
        var result = await _fixture.RunAsync(args);

        // Assert
        result.ExitCode.ShouldBe(3, result.Error);
        (result.Out + result.Error).ShouldNotContain("\u001b");
        (result.Out + result.Error).ShouldNotContain("\0");
        result.Out.ShouldContain("A1/u001B[2J"); // shown as A1\u001B[2J: the test runner turns back slashes into /
        result.Out.ShouldContain("audit_id: holds the control character U+001B at character 3");
        result.Out.ShouldContain("team: holds the control character U+0000 at character 5");
    }

    [Fact]
    public async Task Run_TeamSpeltTwoWays_IsOneTeamAndTheRunSaysSo()
    {
        // Arrange
        var csv = File.ReadAllText(_fixture.PathOf("audits", "mini.csv")).Replace("A2,03/11/2026,Ann Auditor,C-2,CIN,Team A", "A2,03/11/2026,Ann Auditor,C-2,CIN,team  a", StringComparison.Ordinal);
        File.WriteAllText(_fixture.PathOf("audits", "mini.csv"), csv);

        // Act
        var result = await _fixture.RunAsync("run", "--template", "templates/mini-audit.yaml", "--submissions", "audits/mini.csv", "--out", "out", "--as-of", "2026-11-30", "--no-store");

        // Assert
        result.ExitCode.ShouldBe(3, result.Error);
        using var summary = System.Text.Json.JsonDocument.Parse(_fixture.ReadText("out", "summary.json"));
        summary.RootElement.GetProperty("teams").EnumerateArray().Select(t => t.GetProperty("team").GetString()).ShouldBe(["Team A", "Team B"]);
    }

    [Fact]
    public async Task Run_MisspeltColumn_WarnsAsCheckDoesAndListsItInSummaryJson()
    {
        // Arrange
        var csv = File.ReadAllText(_fixture.PathOf("audits", "mini.csv"));
        File.WriteAllText(_fixture.PathOf("audits", "mini.csv"), csv.Replace("seen_alone,", "seen_alnoe,", StringComparison.Ordinal));

        // Act
        var check = await _fixture.RunAsync("check", "--template", "templates/mini-audit.yaml", "--submissions", "audits/mini.csv", "--as-of", "2026-11-30");
        var run = await _fixture.RunAsync("run", "--template", "templates/mini-audit.yaml", "--submissions", "audits/mini.csv", "--out", "out", "--as-of", "2026-11-30", "--no-store");

        // Assert
        const string Warning = "audits/mini.csv: warning AK3003: Column 'seen_alnoe' is not used by template 'mini-audit', so its values are ignored. Did you mean 'seen_alone'?";
        check.Out.ShouldContain(Warning);
        run.Error.ShouldContain(Warning);
        using var summary = System.Text.Json.JsonDocument.Parse(_fixture.ReadText("out", "summary.json"));
        var warning = summary.RootElement.GetProperty("warnings").EnumerateArray().ShouldHaveSingleItem();
        warning.GetProperty("code").GetString().ShouldBe("AK3003");
        warning.GetProperty("severity").GetString().ShouldBe("warning");
        warning.GetProperty("source").GetString().ShouldBe("audits/mini.csv");
    }

    [Fact]
    public async Task Run_NoWarnings_SummaryJsonHasNoWarningsKey()
    {
        await _fixture.RunAsync("run", "--template", "templates/mini-audit.yaml", "--submissions", "audits/mini.csv", "--out", "out", "--as-of", "2026-11-30", "--no-store");

        using var summary = System.Text.Json.JsonDocument.Parse(_fixture.ReadText("out", "summary.json"));
        summary.RootElement.TryGetProperty("warnings", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task Run_OutInsideTheSubmissionsFolder_NeverReadsItsOwnOutputsBack()
    {
        // Act: the second run sees summary.json, rejected.csv, compliance.xlsx and report.html in audits/out.
        var first = await _fixture.RunAsync("run", "--template", "templates/mini-audit.yaml", "--submissions", "audits", "--out", "audits/out", "--as-of", "2026-11-30", "--no-store");
        var second = await _fixture.RunAsync("run", "--template", "templates/mini-audit.yaml", "--submissions", "audits", "--out", "audits/out", "--as-of", "2026-11-30", "--no-store");

        // Assert
        first.ExitCode.ShouldBe(3, first.Error);
        second.ExitCode.ShouldBe(3, second.Error);
        File.Exists(_fixture.PathOf("audits", "out", "rejected.csv")).ShouldBeTrue();
        second.Out.ShouldContain("Submissions: 10 read, 7 accepted, 3 rejected");
    }

    [Fact]
    public async Task Run_SubmissionPathStartingWithAt_IsAPathNotAResponseFile()
    {
        // Arrange
        File.Copy(_fixture.PathOf("audits", "mini.csv"), _fixture.PathOf("@mini.csv"));

        // Act
        var result = await _fixture.RunAsync("run", "--template", "templates/mini-audit.yaml", "--submissions", "@mini.csv", "--out", "out", "--as-of", "2026-11-30", "--no-store");

        // Assert
        result.ExitCode.ShouldBe(3, result.Error);
        result.Out.ShouldContain("Submissions: 10 read");
    }

    [Theory]
    [InlineData("broken.csv")]
    [InlineData("broken.json")]
    [InlineData("broken.xlsx")]
    public async Task Run_AFileThatFailsWhileItIsRead_IsNamedAndTheOtherFilesAreRecorded(string name)
    {
        // Arrange: /proc/self/mem opens but every read of it fails, as a file on a failing disk or share does.
        if (!File.Exists("/proc/self/mem"))
        {
            return;
        }

        File.CreateSymbolicLink(_fixture.PathOf("audits", name), "/proc/self/mem");

        // Act
        var result = await _fixture.RunAsync("run", "--template", "templates/mini-audit.yaml", "--submissions", "audits", "--out", "out", "--as-of", "2026-11-30", "--db", "h.db");

        // Assert
        result.ExitCode.ShouldBe(3, result.Error);
        result.Error.ShouldNotContain("unexpectedly");
        result.Out.ShouldContain("Store h.db: 7 audits");
        _fixture.ReadText("out", "rejected.csv").ShouldContain(name);
    }
}
