using System.Collections.Immutable;
using System.Globalization;
using AuditKit.FollowUps;
using AuditKit.Reporting;
using AuditKit.Store;
using AuditKit.Templates;

namespace AuditKit.Tests.Store;

/// <summary>Runs to record in the store tests: a two-criterion template, cases from TestData/Store, and actions.</summary>
internal static class StoreRuns
{
    public const string TemplateId = "qop";

    public static StoredTemplate Template(int version = 1, string hash = "hash-1") => new(
        TemplateId, version, hash, "Quality of practice", 0.5,
        [new StoredCriterion("seen_alone", 0.9, true), new StoredCriterion("plan_smart", 0.8, false)]);

    public static CaseRow Case(string auditId, DateOnly date, string team, Outcome seenAlone, Outcome planSmart, string caseRef = "C-1") =>
        new(auditId, date, "Auditor One", caseRef, "CP", team, "Service 1", null, null, "Good", 0.75, [seenAlone, planSmart]);

    /// <summary>Cases from a CSV under TestData/Store: audit_id, audit_date, team, then one outcome per criterion.</summary>
    public static List<StoredCase> FromCsv(string file)
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "TestData", "Store", file));
        return
        [
            .. lines.Skip(1).Where(l => l.Length > 0).Select(line =>
            {
                var f = line.Split(',');
                OutcomeNames.TryParse(f[3], out var a).ShouldBeTrue(line);
                OutcomeNames.TryParse(f[4], out var b).ShouldBeTrue(line);
                return new StoredCase(Case(f[0], DateOnly.ParseExact(f[1], "yyyy-MM-dd", CultureInfo.InvariantCulture), f[2], a, b, "C-" + f[0]));
            }),
        ];
    }

    public static FollowUpAction TeamAction(string team, string criterion, DateOnly due, string text = "Discuss in the team meeting and re-audit this criterion within 3 months.") =>
        new(ActionId.Create(TemplateId, "qop/team_actions/0", team, null, criterion).ToString(), ActionScope.Team, team, null, criterion,
            text, "team_manager", due, null, "qop/team_actions/0", CompliancePercent: 0.5, Target: null);

    public static FollowUpAction CaseAction(string auditId, string team, DateOnly due) =>
        new(ActionId.Create(TemplateId, "qop/case_actions/0", team, auditId, null).ToString(), ActionScope.Case, team, "C-" + auditId, null,
            "Case to be reviewed by the team manager and re-audited.", "team_manager", due, "head_of_service", "qop/case_actions/0", auditId);

    public static StoredRun Run(DateOnly asOf, IEnumerable<StoredCase> cases, params FollowUpAction[] actions) =>
        new(Template(), asOf, cases, ImmutableArray.Create(actions));

    public static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
