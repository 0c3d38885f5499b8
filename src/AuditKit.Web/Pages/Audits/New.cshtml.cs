using System.Security.Cryptography;
using AuditKit.Evaluation;
using AuditKit.Runs;
using AuditKit.Templates;
using AuditKit.Web.Access;
using AuditKit.Web.Forms;
using AuditKit.Web.People;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AuditKit.Web.Pages.Audits;

/// <summary>
/// <c>/audits/new?template=ID&amp;case_ref=REF</c>: an auditor or team manager fills in an audit of a case of their own team.
/// Each save evaluates the answers by the template's compiled rules (what does not apply, what the dates come to); submit
/// validates as <c>check</c> does and records as <c>run</c> does, then shows the audit.
/// </summary>
public sealed class NewModel(RequestStore store, ScopeProvider scopes, WebAppSettings settings) : PageModel
{
    public AuditForm Form { get; private set; } = null!;

    public FormCheck? Check { get; private set; }

    /// <summary>The reasons the submitted row was rejected, with the field each links to.</summary>
    public IReadOnlyList<(string Reason, string? Field)> Errors { get; private set; } = [];

    public string Team { get; private set; } = "";

    public bool Saved { get; private set; }

    public IActionResult OnGet(string? template, [FromQuery(Name = "case_ref")] string? caseRef)
    {
        if (Open(template, caseRef) is { } refused)
        {
            return refused;
        }

        Form["audit_id"] = "WEB-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(5));
        Form["case_ref"] = caseRef;
        Form["audit_date"] = Calendar.IsoDate.Format(settings.Today);
        if (Form.Template.AppliesTo.Length == 1)
        {
            Form["case_type"] = Form.Template.AppliesTo[0];
        }

        return Page();
    }

    public IActionResult OnPost(string? template, [FromForm(Name = "act")] string? act)
    {
        if (Open(template, Request.Form["case_ref"]) is { } refused)
        {
            return refused;
        }

        ReadForm();
        if (act == "submit")
        {
            var report = Form.Run(settings.Today, settings.Calendar, new KnownTeams("the store", store.Audits.TeamNames()));
            if (report.Rejected.IsEmpty && report.Cases.Length == 1)
            {
                AuditForm.Record(store.Audits, report, Form.Rules, settings.Calendar);
                return Redirect("/audits/" + Uri.EscapeDataString(report.Cases[0].AuditId));
            }

            Errors = [.. report.Rejected.SelectMany(r => r.Reasons).Select(r => (r, Form.FieldOf(r)))];
        }
        else
        {
            Saved = true;
        }

        Check = Form.Preview(settings.Today);
        if (act != "submit")
        {
            Errors = [.. Check.Reasons.Select(r => (r, Form.FieldOf(r)))];
        }

        return Page();
    }

    /// <summary>404 unless the person fills in audits for a team, the template has a form, and the case is not another team's.</summary>
    private IActionResult? Open(string? templateId, string? caseRef)
    {
        var scope = scopes.Current;
        if (templateId is null || !settings.RuleSets.TryGetValue(templateId, out var rules)
            || scope.Person.Role is not (Roles.TeamManager or Roles.Auditor) || scope.Person.Team is not { } team)
        {
            return NotFound();
        }

        if (!string.IsNullOrWhiteSpace(caseRef))
        {
            var today = settings.Today;
            var elsewhere = store.Audits.AuditedCases(today.AddYears(-SubmissionLookBackYears), today)
                .Any(c => string.Equals(c.CaseRef, caseRef.Trim(), StringComparison.OrdinalIgnoreCase) && !scope.CanSeeTeam(c.Team));
            if (elsewhere)
            {
                return NotFound();
            }
        }

        Form = new AuditForm(rules);
        Team = team;
        return null;
    }

    /// <summary>How far back the store is asked whether a case belongs to another team.</summary>
    private const int SubmissionLookBackYears = Submissions.SubmissionValidator.OldAuditYears;

    private void ReadForm()
    {
        var form = Request.Form;
        var person = scopes.Current.Person;
        foreach (var column in Form.Header())
        {
            Form[column] = form[column];
        }

        // Who and which team come from the signed-in person, never from the form.
        Form["team"] = Team;
        Form["auditor"] = person.Name;
        Form["template"] = Form.Template.Id;
        Form["service"] = null;
        Form["overall_grade"] = null;
        foreach (var date in DateColumns())
        {
            Form.SetDate(date, form[date + "-day"], form[date + "-month"], form[date + "-year"]);
        }
    }

    public IEnumerable<string> DateColumns() =>
        ["audit_date", .. Form.Template.Facts.Where(f => f.Type == FactType.Date).Select(f => f.Id)];

    public string? ErrorFor(string column) => Errors.FirstOrDefault(e => e.Field == column).Reason;

    /// <summary>Where an error summary link goes: the first input of the field.</summary>
    public string Anchor(string column)
    {
        if (DateColumns().Contains(column))
        {
            return column + "-day";
        }

        var criterion = Form.Template.Criteria.FirstOrDefault(c => c.Id == column);
        var fact = Form.Template.Facts.FirstOrDefault(f => f.Id == column);
        return criterion is not null || column == "case_type" || fact?.Type is FactType.Bool or FactType.Choice ? column + "-0" : column;
    }

    public Finding? FindingOf(string criterion) => Check?.Findings.IsDefaultOrEmpty != false ? null : Check.Findings.FirstOrDefault(f => f.CriterionId == criterion);

    public static string OutcomeText(Outcome outcome) => outcome switch
    {
        Outcome.Met => "Met",
        Outcome.Partly => "Partly met",
        Outcome.NotMet => "Not met",
        Outcome.NotApplicable => "Not applicable",
        _ => "Not answered yet",
    };

    public static readonly string[] Answers = ["Yes", "Partly", "No", "N/A"];
}
