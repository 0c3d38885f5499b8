using System.Text.Json;
using AuditKit.Tests.Support;

namespace AuditKit.Tests.Cli.StoreCommands;

/// <summary>
/// <c>auditkit report</c> across templates: the bundled sample (quality of practice) and synthetic audits of the other
/// bundled templates recorded in one store, rolled up over a half-year into standards.json and standards.html.
/// </summary>
public sealed class StandardsReportCommandTests : IDisposable
{
    private static readonly string[] Others = ["risk-and-protective-factors", "supervision-quality", "child-protection-plan-quality", "multi-agency-contributions"];

    private readonly StoreCliFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Report_AllTemplatesForAHalfYear_RollsUpEachSharedStandardFromEachTemplatesOwnFigures()
    {
        await RecordAllAsync();

        var result = await _folder.RunAsync("report", "--all-templates", "--from", "2026-06", "--to", "2026-11", "--out", "h2");

        result.ExitCode.ShouldBe(0, result.Error);
        result.Out.ShouldBe("Standards of 2026-06 to 2026-11 from auditkit.db: 12 shared by 5 templates (305 audits). Outputs written to h2.\n");
        using var json = JsonDocument.Parse(File.ReadAllText(_folder.File("h2/standards.json")));
        var root = json.RootElement;
        root.GetProperty("templates").EnumerateArray().Select(t => t.GetProperty("id").GetString())
            .ShouldBe(["child-protection-plan-quality", "multi-agency-contributions", "quality-of-practice", "risk-and-protective-factors", "supervision-quality"]);
        var standards = root.GetProperty("standards").EnumerateArray().ToList();
        standards.Select(s => s.GetProperty("id").GetString()).ShouldBe(
        [
            "core_group_tracks_plan", "cp_review_in_timescale", "management_oversight", "partner_information_used", "partners_deliver_actions",
            "plan_addresses_assessment", "plan_signed_by_partners", "plan_smart", "reflective_supervision", "risks_identified", "seen_alone",
            "supervision_in_timescale",
        ]);
        var seen = standards.Single(s => s.GetProperty("id").GetString() == "seen_alone");
        seen.GetProperty("carried_by").EnumerateArray().Select(c => $"{c.GetProperty("template").GetString()}:{c.GetProperty("criterion").GetString()}")
            .ShouldBe(["child-protection-plan-quality:child_seen_alone", "quality-of-practice:child_seen_alone", "risk-and-protective-factors:child_seen_alone"]);
        seen.GetProperty("periods").EnumerateArray().Select(p => p.GetProperty("period").GetString())
            .ShouldBe(["2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"]);
        File.ReadAllText(_folder.File("h2/standards.html")).ShouldContain("<h2 id=\"s-seen_alone-h\">Standard <code>seen_alone</code></h2>");

        // Each carrying criterion's figures are those of its template's own report of the half-year, and the standard's are their sum.
        var totals = (Met: 0, Partly: 0, NotMet: 0, Credit: 0.0);
        foreach (var carrier in seen.GetProperty("carried_by").EnumerateArray())
        {
            var template = carrier.GetProperty("template").GetString()!;
            var own = await _folder.RunAsync("report", "--template", Template(template), "--from", "2026-06", "--to", "2026-11", "--out", "own-" + template, "--outputs", "json", "--as-of", "2026-11-30");
            own.ExitCode.ShouldBe(0, own.Error);
            using var summary = JsonDocument.Parse(File.ReadAllText(_folder.File($"own-{template}/summary.json")));
            var stat = summary.RootElement.GetProperty("overall").GetProperty("criteria").EnumerateArray()
                .Single(c => c.GetProperty("id").GetString() == carrier.GetProperty("criterion").GetString());
            stat.GetProperty("standard").GetString().ShouldBe("seen_alone");
            foreach (var key in new[] { "met", "partly", "not_met", "not_applicable", "missing", "compliance", "ci_low", "ci_high" })
            {
                carrier.GetProperty(key).GetRawText().ShouldBe(stat.GetProperty(key).GetRawText(), $"{template} {key}");
            }

            totals = (totals.Met + stat.GetProperty("met").GetInt32(), totals.Partly + stat.GetProperty("partly").GetInt32(),
                totals.NotMet + stat.GetProperty("not_met").GetInt32(), totals.Credit + stat.GetProperty("met").GetInt32() + (0.5 * stat.GetProperty("partly").GetInt32()));
        }

        var overall = seen.GetProperty("overall");
        (overall.GetProperty("met").GetInt32(), overall.GetProperty("partly").GetInt32(), overall.GetProperty("not_met").GetInt32())
            .ShouldBe((totals.Met, totals.Partly, totals.NotMet));
        overall.GetProperty("n").GetInt32().ShouldBe(totals.Met + totals.Partly + totals.NotMet);
        overall.GetProperty("compliance").GetDouble().ShouldBe(totals.Credit / (totals.Met + totals.Partly + totals.NotMet), 1e-6);
    }

    [Fact]
    public async Task Report_OneTemplatesSummary_GivesTheStandardOnlyOnCriteriaThatHaveOne()
    {
        var sample = RepoPaths.InRepo("samples", "audits", "quality-of-practice-2026-09-to-11.csv");
        await _folder.AuditAsync("recorded", sample);

        var result = await _folder.RunAsync("report", "--template", StoreCliFolder.Template, "--period", "2026-11", "--out", "nov", "--outputs", "json");

        result.ExitCode.ShouldBe(0, result.Error);
        using var summary = JsonDocument.Parse(File.ReadAllText(_folder.File("nov/summary.json")));
        var criteria = summary.RootElement.GetProperty("overall").GetProperty("criteria").EnumerateArray().ToList();
        criteria.Single(c => c.GetProperty("id").GetString() == "child_seen_alone").EnumerateObject().Select(p => p.Name).Take(3).ShouldBe(["id", "standard", "met"]);
        criteria.Single(c => c.GetProperty("id").GetString() == "family_views_recorded").TryGetProperty("standard", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task Report_TemplatesThatShareNoStandard_ExitsTwoWithAK5013()
    {
        await RecordAsync("supervision-quality", "multi-agency-contributions");

        var result = await _folder.RunAsync(
            "report", "--template", "supervision-quality", "--template", Template("multi-agency-contributions"), "--from", "2026-06", "--to", "2026-11", "--out", "h2");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldBe(
            "error AK5013: The templates 'multi-agency-contributions' and 'supervision-quality' share no standard in auditkit.db: no two of them give a criterion the same 'standard:'. "
            + "Give the criteria that measure the same thing the same standard (see docs/templates.md) and record a run with those templates, or choose templates that share one.\n");
        Directory.Exists(_folder.File("h2")).ShouldBeFalse();
    }

    [Fact]
    public async Task Report_UnknownTemplateId_ExitsTwoWithAK5013NamingTheTemplatesItHolds()
    {
        await RecordAsync("supervision-quality", "multi-agency-contributions");

        var result = await _folder.RunAsync("report", "--template", "supervision-quality", "--template", "supervision", "--period", "2026-11", "--out", "h2");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldBe(
            "error AK5013: auditkit.db holds no audits of template 'supervision', so it cannot be part of a report across templates. "
            + "Give the ids of templates it holds: 'multi-agency-contributions' and 'supervision-quality'.\n");
    }

    [Fact]
    public async Task Report_OneTemplateGivenTwice_ExitsTwoWithAK5013()
    {
        await RecordAsync("supervision-quality");

        var result = await _folder.RunAsync("report", "--template", "supervision-quality", "--template", Template("supervision-quality"), "--period", "2026-11", "--out", "h2");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldStartWith("error AK5013: --template names template 'supervision-quality' each time, and a report across templates rolls up");
    }

    [Fact]
    public async Task Report_AllTemplatesOfAStoreWithOne_ExitsTwoWithAK5013()
    {
        await RecordAsync("supervision-quality");

        var result = await _folder.RunAsync("report", "--all-templates", "--period", "2026-11", "--out", "h2");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldStartWith("error AK5013: auditkit.db holds audits of one template only ('supervision-quality'), and a report across templates rolls up");
    }

    [Theory]
    [InlineData("--all-templates --template supervision-quality", "error: Give either --template (once or more) or --all-templates, not both.")]
    [InlineData("--all-templates --per-team", "error: --per-team writes one template's team packs;")]
    [InlineData("", "error: Say which template to report: --template ID or FILE")]
    public async Task Report_BadChoiceOfTemplates_ExitsTwoSayingHowToFixIt(string options, string expected)
    {
        var result = await _folder.RunAsync(["report", "--period", "2026-11", "--out", "h2", .. options.Split(' ', StringSplitOptions.RemoveEmptyEntries)]);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldStartWith(expected);
    }

    [Fact]
    public async Task Validate_TemplateWithBadStandards_ListsAK1032AndAK1033WithTheirPlaces()
    {
        var result = await _folder.RunAsync("validate", RepoPaths.TestData("Templates", "broken", "templates", "standards.yaml"));

        result.ExitCode.ShouldBe(2);
        var lines = (result.Out + result.Error).Split('\n').Where(l => l.Contains("error AK103", StringComparison.Ordinal)).ToList();
        lines.Count(l => l.Contains(":9:15: error AK1032: The standard 'Seen Alone' must be snake_case", StringComparison.Ordinal)).ShouldBe(1);
        lines.Count(l => l.Contains(":29:15: error AK1033: The standard 'child_views_recorded' of criterion 'wishes_recorded'", StringComparison.Ordinal)).ShouldBe(1);
        lines.Count.ShouldBe(5);
    }

    private static string Template(string id) => RepoPaths.InRepo("templates", id + ".yaml");

    /// <summary>The bundled sample for quality of practice, and 40 synthetic audits over six months for each other template.</summary>
    private async Task RecordAllAsync()
    {
        var sample = RepoPaths.InRepo("samples", "audits", "quality-of-practice-2026-09-to-11.csv");
        var run = await _folder.AuditAsync("recorded", sample);
        run.ExitCode.ShouldBe(3, run.Error);
        await RecordAsync(Others);
    }

    private async Task RecordAsync(params string[] templates)
    {
        foreach (var id in templates)
        {
            var csv = id + ".csv";
            var synth = await _folder.RunAsync("synth", "--template", Template(id), "--count", "40", "--months", "6", "--end-month", "2026-11", "--seed", "5", "--out", csv);
            synth.ExitCode.ShouldBe(0, synth.Error);
            var run = await _folder.RunAsync("run", "--template", Template(id), "--submissions", csv, "--out", "out-" + id, "--outputs", "json", "--as-of", "2026-11-30");
            run.ExitCode.ShouldBe(0, run.Error);
        }

    }
}
