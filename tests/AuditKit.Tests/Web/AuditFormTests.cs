using System.Net;
using AuditKit.Tests.Support;
using AuditKit.Web.People;

namespace AuditKit.Tests.Web;

/// <summary>The audit form in-process on a real SQLite store: each save evaluated by the compiled rules, submit validated as <c>check</c> and recorded as <c>run</c>.</summary>
public sealed class AuditFormTests(WebStore store) : IClassFixture<WebStore>, IAsyncLifetime
{
    private const string Form = "/audits/new?template=quality-of-practice&case_ref=C-900001";

    private WebHostRunner _host = null!;

    public async Task InitializeAsync() => _host = await WebHostRunner.InProcessAsync(store.Settings());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>A complete CIN audit of a 2-year-old, as the form posts it (answers Yes except the ones given).</summary>
    private static List<(string, string)> Fields(string auditId, string act, params (string Name, string Value)[] overrides)
    {
        var fields = new List<(string Name, string Value)>
        {
            ("audit_id", auditId), ("case_ref", "C-900001"), ("case_type", "CIN"), ("act", act),
            ("audit_date-day", "20"), ("audit_date-month", "11"), ("audit_date-year", "2026"),
            ("child_age", "2"),
            ("assessment_start_date-day", "1"), ("assessment_start_date-month", "9"), ("assessment_start_date-year", "2026"),
            ("assessment_completed_date-day", "15"), ("assessment_completed_date-month", "9"), ("assessment_completed_date-year", "2026"),
            ("last_visit_date-day", "13"), ("last_visit_date-month", "11"), ("last_visit_date-year", "2026"),
        };
        foreach (var criterion in new[]
        {
            "child_views_recorded", "family_views_recorded", "home_environment_considered", "risk_and_protective_factors",
            "partner_agency_contributions", "analysis_informs_plan", "diversity_and_identity", "plan_smart", "management_oversight",
            "supervision_reflective", "recording_up_to_date",
        })
        {
            fields.Add((criterion, "Yes"));
        }

        foreach (var (name, value) in overrides)
        {
            fields.RemoveAll(f => f.Name == name);
            fields.Add((name, value));
        }

        return fields;
    }

    [Fact]
    public async Task Get_TeamManager_ShowsSectionsRadiosAndDateInputs()
    {
        using var client = await _host.Client().SignedInAsync(WebStore.EmailOf(Roles.TeamManager));
        var page = await client.GetTextAsync(Form);
        page.ShouldContain("Monthly quality of practice audit");
        page.ShouldContain("name=\"child_seen_alone\" type=\"radio\" value=\"Yes\"");
        page.ShouldContain("id=\"last_visit_date-day\" name=\"last_visit_date-day\"");
        page.ShouldContain("value=\"C-900001\"");
    }

    [Fact]
    public async Task Save_YoungChild_SeenAloneNotApplicable()
    {
        using var client = await _host.Client().SignedInAsync(WebStore.EmailOf(Roles.TeamManager));
        using var response = await client.PostFormAsync(Form, Form, [.. Fields("WEB-T1", "save")]);
        var page = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.ShouldContain("id=\"child_seen_alone-status\">Not applicable");
        page.ShouldNotContain("There is a problem");
    }

    [Fact]
    public async Task Submit_RequiredAnswerMissing_ErrorSummaryLinksToTheField()
    {
        using var client = await _host.Client().SignedInAsync(WebStore.EmailOf(Roles.TeamManager));
        var fields = Fields("WEB-T2", "submit");
        fields.RemoveAll(f => f.Item1 == "plan_smart");
        using var response = await client.PostFormAsync(Form, Form, [.. fields]);
        var page = await response.Content.ReadAsStringAsync();
        page.ShouldContain("There is a problem");
        page.ShouldContain("<a href=\"#plan_smart-0\">plan_smart:");
        page.ShouldContain("id=\"plan_smart-error\"");
        using var audit = await client.GetAsync("/audits/WEB-T2");
        audit.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Submit_Complete_RecordedAsRunRecordsAFile_SameFindingsAsTheCsv()
    {
        using var client = await _host.Client().SignedInAsync(WebStore.EmailOf(Roles.TeamManager));
        using var response = await client.PostFormAsync(Form, Form, [.. Fields("WEB-T3", "submit", ("recording_up_to_date", "No"))]);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/audits/WEB-T3");
        var audit = await client.GetTextAsync("/audits/WEB-T3");
        audit.ShouldContain("C-900001");

        // The same audit as a CSV, run with no store: the same grade and outcomes as the store recorded from the form.
        using var opened = store.Open();
        var recorded = ((AuditKit.Store.IPeopleStore)opened).ReadAudit("WEB-T3")!;
        recorded.Row.Team.ShouldBe(store.Team);
        recorded.Row.Auditor.ShouldBe("Test team_manager");
        var template = store.RuleSets["quality-of-practice"].Template;
        var header = new List<string> { "audit_id", "audit_date", "auditor", "case_ref", "case_type", "team" };
        var row = new List<string> { "WEB-T3", "2026-11-20", "Test team_manager", "C-900001", "CIN", store.Team };
        foreach (var (name, value) in Fields("WEB-T3", "submit", ("recording_up_to_date", "No")))
        {
            if (template.Criteria.Any(c => c.Id == name) || name == "child_age")
            {
                header.Add(name);
                row.Add(value);
            }
        }

        header.AddRange(["assessment_start_date", "assessment_completed_date", "last_visit_date"]);
        row.AddRange(["2026-09-01", "2026-09-15", "2026-11-13"]);
        var folder = Path.Combine(store.Folder, "csv-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        File.WriteAllLines(Path.Combine(folder, "one.csv"), [string.Join(',', header), string.Join(',', row)]);
        var run = await CliRunner.RunAsync(folder, "run", "--template", RepoPaths.InRepo("templates", "quality-of-practice.yaml"), "--submissions", Path.Combine(folder, "one.csv"),
            "--out", Path.Combine(folder, "out"), "--no-store", "--as-of", "2026-11-30");
        run.ExitCode.ShouldBe(0, run.Error);
        var summary = await File.ReadAllTextAsync(Path.Combine(folder, "out", "summary.json"));
        summary.ShouldContain("\"" + recorded.Row.Grade + "\": 1");
        var caseActions = AuditKit.Web.Pages.Audits.AuditModel.AuditActions(opened, recorded, WebStore.AsOf);
        foreach (var action in caseActions)
        {
            summary.ShouldContain(action.Id);
        }

        caseActions.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Get_CaseOfAnotherTeam_404()
    {
        using var opened = store.Open();
        var other = opened.AuditedCases(new DateOnly(2026, 1, 1), WebStore.AsOf).First(c => !string.Equals(c.Team, store.Team, StringComparison.OrdinalIgnoreCase));
        using var client = await _host.Client().SignedInAsync(WebStore.EmailOf(Roles.TeamManager));
        using var response = await client.GetAsync("/audits/new?template=quality-of-practice&case_ref=" + Uri.EscapeDataString(other.CaseRef));
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var unknown = await client.GetAsync("/audits/new?template=no-such-template");
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Get_QaOfficer_404()
    {
        using var client = await _host.Client().SignedInAsync(WebStore.EmailOf(Roles.QaOfficer));
        using var response = await client.GetAsync(Form);
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
