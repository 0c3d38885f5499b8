using AuditKit.Programme;
using AuditKit.Templates;
using AuditKit.Tests.Support;

namespace AuditKit.Tests.Programme;

public sealed class ProgrammeLoaderTests
{
    private static string File(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "Programme", name);

    [Fact]
    public void Load_BrokenProgramme_EveryProblemAtItsLineAndColumn()
    {
        var result = ProgrammeLoader.Load(File("broken.yaml"));

        result.Success.ShouldBeFalse();
        var root = Path.Combine(AppContext.BaseDirectory, "TestData").Replace('\\', '/') + "/";
        Snapshot.Match(string.Join("\n", result.Diagnostics.Select(d => d.ToString().Replace(root, string.Empty, StringComparison.Ordinal))) + "\n", "programme-broken");
    }

    [Fact]
    public void Load_ValidProgramme_RoundsWithTheirPeriodsAuditorsAndQuotas()
    {
        var result = ProgrammeLoader.Load(File("valid.yaml"));

        result.Diagnostics.ShouldBeEmpty();
        var programme = result.Value.ShouldNotBeNull();
        programme.Id.ShouldBe("test-programme");
        programme.Directory.ShouldNotBeNull().PersonFor(Role.TeamManager, "team b").ShouldBe("Bo Manager");
        var managers = programme.Rounds[0];
        managers.Period.ShouldBe(RoundPeriodKind.Monthly);
        managers.Auditors.Roles.ShouldBe([Role.TeamManager]);
        managers.Auditors.Names.ShouldBe(["Cy Auditor"]);
        managers.Quota.ShouldBe(new RoundQuota(2, 3, 5));
        managers.Title.ShouldBe("managers");
        var sampled = programme.Rounds[1];
        sampled.Sampled.ShouldBeTrue();
        sampled.End.ShouldBe(new DateOnly(2026, 11, 20));
        sampled.Title.ShouldBe("Sampled cases");
    }

    [Fact]
    public void Load_MissingDirectory_ReportedAtTheDirectoryKey()
    {
        var path = Path.Combine(Path.GetTempPath(), "auditkit-programme-" + Guid.NewGuid().ToString("N")[..8] + ".yaml");
        System.IO.File.WriteAllText(path, "id: p\ndirectory: nowhere.yaml\nrounds:\n  - id: r\n    template: t\n    period: monthly\n    start: 2026-09-01\n    auditors: {roles: [team_manager]}\n    quota: {per_auditor: 1}\n");
        try
        {
            var result = ProgrammeLoader.Load(path);

            result.Diagnostics.Select(d => (d.Code, d.Location.Line, d.Location.Column)).ShouldBe([("AK6009", 2, 12)]);
            result.Diagnostics[0].Message.ShouldStartWith("The team directory named here cannot be used: ");
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }

    [Fact]
    public void DetectKind_ProgrammeWithATitle_IsAProgrammeNotATemplate()
    {
        AuditFiles.DetectKind(File("valid.yaml")).ShouldBe(AuditFileKind.Programme);
        AuditFiles.DetectKind(Path.Combine(RepoPaths.Root, "samples", "programme.yaml")).ShouldBe(AuditFileKind.Programme);
    }

    [Fact]
    public void DetectKind_ProgrammeFileWithRoundsMisspelt_StillAProgramme()
    {
        var folder = Path.Combine(Path.GetTempPath(), "auditkit-kind-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        try
        {
            var programme = Path.Combine(folder, "qa-programme.yaml");
            System.IO.File.WriteAllText(programme, "id: p\ntitle: P\nrouns: []\n");
            var template = Path.Combine(folder, "programme-audit.yaml");
            System.IO.File.WriteAllText(template, "id: t\ntitle: T\ncriteria: []\n");

            AuditFiles.DetectKind(programme).ShouldBe(AuditFileKind.Programme);
            AuditFiles.DetectKind(template).ShouldBe(AuditFileKind.Template);
            ProgrammeLoader.Load(programme).Diagnostics.Select(d => d.ToString()[(folder.Length + 1)..]).ShouldBe([
                "qa-programme.yaml:1:1: error AK1005: Missing required key 'rounds' in the programme.",
                "qa-programme.yaml:3:1: error AK1003: Unknown key 'rouns'. Did you mean 'rounds'?",
            ]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void PeriodsTo_EachKind_CutsTheRoundAsWritten()
    {
        static AuditRound Round(RoundPeriodKind kind, DateOnly start, DateOnly? end) =>
            new("r", "r", "t", kind, start, end, RoundAuditors.None, new RoundQuota(null, null, 1), false, default);

        Round(RoundPeriodKind.Monthly, new DateOnly(2026, 9, 15), null).PeriodsTo(new DateOnly(2026, 11, 1)).Select(p => p.Label)
            .ShouldBe(["2026-09-15 to 2026-09-30", "2026-10", "2026-11"]);
        Round(RoundPeriodKind.Fortnightly, new DateOnly(2026, 9, 7), new DateOnly(2026, 10, 10)).PeriodsTo(new DateOnly(2026, 12, 1)).Select(p => p.Label)
            .ShouldBe(["2026-09-07 to 2026-09-20", "2026-09-21 to 2026-10-04", "2026-10-05 to 2026-10-10"]);
        Round(RoundPeriodKind.Window, new DateOnly(2026, 9, 1), new DateOnly(2027, 2, 28)).PeriodsTo(new DateOnly(2026, 8, 31)).ShouldBeEmpty();
        Round(RoundPeriodKind.Window, new DateOnly(2026, 9, 1), new DateOnly(2027, 2, 28)).PeriodsTo(new DateOnly(2026, 9, 1)).Select(p => p.Label)
            .ShouldBe(["2026-09-01 to 2027-02-28"]);
    }
}
