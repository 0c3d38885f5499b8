using System.Text.Encodings.Web;
using System.Text.Json;
using AuditKit.Calendar;
using AuditKit.Compliance;
using AuditKit.Reporting;
using AuditKit.Store;
using AuditKit.Templates;
using AuditKit.Web.Access;
using AuditKit.Web.Figures;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AuditKit.Web.Api;

/// <summary>
/// The JSON API (<c>/api/v1</c>), signed in by API token or cookie (<see cref="Security.ApiAuthentication"/>), with the
/// pages' scope: not signed in is 401, out of scope 404. Every answer is written to the access log.
/// </summary>
internal static class ApiEndpoints
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1")
            .RequireAuthorization(policy => policy.AddAuthenticationSchemes(Security.ApiAuthentication.SchemeName).RequireAuthenticatedUser());
        api.MapGet("/audits/{auditId}", Audit);
        api.MapGet("/teams/{team}/summary", TeamSummary);
    }

    /// <summary>The audit with its findings (outcome and comment per criterion), grade and case actions.</summary>
    private static IResult Audit(string auditId, RequestStore store, ScopeProvider scopes, WebAppSettings settings, AccessLog log)
    {
        var audit = store.People.ReadAudit(auditId);
        if (audit is null || !scopes.Current.CanSeeAudit(audit.Row))
        {
            return Results.NotFound();
        }

        log.Viewed(AccessObjects.Audit, audit.Row.AuditId, audit.Row.CaseRef);

        var actions = Pages.Audits.AuditModel.AuditActions(store.Audits, audit, settings.Today);
        var row = audit.Row;
        return Json(json =>
        {
            json.WriteStartObject();
            json.WriteString("audit_id", row.AuditId);
            json.WriteString("template", audit.TemplateId);
            json.WriteString("audit_date", IsoDate.Format(row.AuditDate));
            json.WriteString("case_ref", row.CaseRef);
            json.WriteString("case_type", row.CaseType);
            json.WriteString("team", row.Team);
            WriteNullable(json, "service", row.Service);
            json.WriteString("auditor", row.Auditor);
            WriteNullable(json, "grade", row.Grade);
            WriteNullable(json, "auditor_grade", row.AuditorGrade);
            json.WriteStartArray("findings");
            for (var i = 0; i < audit.Criteria.Count; i++)
            {
                json.WriteStartObject();
                json.WriteString("criterion", audit.Criteria[i]);
                json.WriteString("outcome", row.Outcomes[i].ToContractName());
                WriteNullable(json, "comment", audit.Comments[i]);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("actions");
            foreach (var action in actions)
            {
                json.WriteStartObject();
                json.WriteString("id", action.Id);
                WriteNullable(json, "criterion", action.Criterion);
                json.WriteString("action", action.Action);
                json.WriteString("owner", action.Owner);
                json.WriteString("due", IsoDate.Format(action.Due));
                json.WriteString("status", action.Status.ToContractName());
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    /// <summary>The team's object of <c>summary.json</c> for one template and month.</summary>
    private static IResult TeamSummary(
        string team, string? template, string? period, RequestStore store, ScopeProvider scopes, WebAppSettings settings, AccessLog log)
    {
        var known = TeamNames.Find(store.People, team);
        if (known is null || !scopes.Current.CanSeeTeam(known.Team))
        {
            return Results.NotFound();
        }

        if (template is null || !ReportingPeriod.TryParse(period, out var month) || month.Length != PeriodLength.Month)
        {
            return Results.BadRequest();
        }

        if (settings.Templates.GetValueOrDefault(template) is not AuditTemplate loaded)
        {
            return Results.NotFound();
        }

        var figures = TeamFigures.Build(store.Audits, loaded, known.Team, month, month);
        if (figures is null)
        {
            return Results.NotFound();
        }

        log.Viewed(AccessObjects.Team, known.Team, detail: $"summary of {loaded.Id} for {period}");
        using var buffer = new MemoryStream();
        SummaryJsonWriter.WriteTeam(figures.Overall, buffer);
        return Results.Bytes(buffer.ToArray(), "application/json; charset=utf-8");
    }

    private static IResult Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            write(json);
        }

        return Results.Bytes(buffer.ToArray(), "application/json; charset=utf-8");
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
