using System.Globalization;
using System.Text;
using AuditKit.Cli;
using AuditKit.Cli.Console;
using AuditKit.Cli.Hosting;
using AuditKit.Tests.Support;

namespace AuditKit.Tests.Cli.Console;

/// <summary>The console summary of <c>run</c> with team names the console draws two cells wide (full-width, CJK).</summary>
public sealed class RunSummaryRendererTests : IDisposable
{
    private static readonly string[] NineTeams =
    [
        "児童保護東チーム", "ＣＨＩＬＤ　ＰＲＯＴＥＣＴＩＯＮ", "子供の家族支援チーム", "北部支援", "남부 아동 보호팀",
        "兒童保護西", "家庭支援服務", "ＴＥＡＭ　ＮＩＮＥ", "青少年チーム",
    ];

    private readonly CliFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Theory]
    [InlineData(80, 9)]
    [InlineData(120, 9)]
    [InlineData(200, 9)]
    [InlineData(80, 2)]
    [InlineData(160, 40)]
    public async Task Run_WideTeamNames_DrawsEveryTableWithinTheConsoleAndRecordsTheStore(int width, int teams)
    {
        // Arrange
        WriteAudits(Enumerable.Range(0, teams).Select(i => NineTeams[i % NineTeams.Length] + (i < NineTeams.Length ? string.Empty : " " + i.ToString(CultureInfo.InvariantCulture))).ToList());
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var environment = CliEnvironment.ForTests(_fixture.Folder, CliRunner.FixedNow) with { ConsoleWidth = width };

        // Act
        var run = AuditKitCli.InvokeAsync(
            ["run", "--template", "templates/mini-audit.yaml", "--submissions", "audits/wide.csv", "--out", "out", "--as-of", "2026-11-30", "--db", "wide.db"],
            stdout,
            stderr,
            environment);
        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(60))) == run;

        // Assert
        finished.ShouldBeTrue("run did not end");
        var exitCode = await run;
        exitCode.ShouldBe(0, stderr.ToString());
        var lines = stdout.ToString().Split(Environment.NewLine);
        stdout.ToString().ShouldContain("wide.db: " + (teams * 2).ToString(CultureInfo.InvariantCulture) + " audits (");
        lines.ShouldContain(l => l.Contains("Compliance by criterion and team", StringComparison.Ordinal));
        lines.Where(l => !l.StartsWith("Store ", StringComparison.Ordinal) && !l.StartsWith("Outputs written", StringComparison.Ordinal))
            .ShouldAllBe(l => ConsoleCells.Width(l) <= width);
        stdout.ToString().ShouldContain("児童保");
    }

    [Fact]
    public async Task Run_NineWideTeams_TheStoreIsRecordedBeforeTheConsoleIsDrawn()
    {
        // Arrange
        WriteAudits(NineTeams);

        // Act
        var result = await _fixture.RunAsync("run", "--template", "templates/mini-audit.yaml", "--submissions", "audits/wide.csv", "--out", "out", "--as-of", "2026-11-30", "--db", "wide.db");

        // Assert
        result.ExitCode.ShouldBe(0, result.Error);
        File.Exists(_fixture.PathOf("wide.db")).ShouldBeTrue();
        result.Out.ShouldContain("Store wide.db: 18 audits (18 new");
    }

    private void WriteAudits(IReadOnlyList<string> teams)
    {
        var csv = new StringBuilder("audit_id,audit_date,auditor,case_ref,case_type,team,service,practitioner,overall_grade,seen_alone,views_recorded,plan_smart,child_age,last_visit_date\n");
        var id = 0;
        foreach (var team in teams)
        {
            for (var i = 0; i < 2; i++)
            {
                id++;
                var answer = i == 0 ? "Yes" : "No";
                csv.Append(CultureInfo.InvariantCulture, $"W{id},2026-11-02,Ann Auditor,C-{id},CP,{team},Safeguarding,Pat Worker,Good,{answer},Yes,Partly,7,2026-10-26\n");
            }
        }

        File.WriteAllText(_fixture.PathOf("audits", "wide.csv"), csv.ToString(), new UTF8Encoding(false));
    }
}
