using AuditKit.Store;
using AuditKit.Web.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AuditKit.Web.Pages.Audits;

/// <summary><c>/audits/{audit_id}</c>: the audit's findings with their outcomes and comments, its grade and its actions.</summary>
public sealed class AuditModel(RequestStore store, ScopeProvider scopes, WebAppSettings settings, AccessLog log) : PageModel
{
    public StoredAudit Audit { get; private set; } = null!;

    public Templates.AuditTemplate? Template { get; private set; }

    public IReadOnlyList<RegisterEntry> Actions { get; private set; } = [];

    public IActionResult OnGet(string auditId)
    {
        var audit = store.People.ReadAudit(auditId);
        if (audit is null || !scopes.Current.CanSeeAudit(audit.Row))
        {
            return NotFound();
        }

        log.Viewed(AccessObjects.Audit, audit.Row.AuditId, audit.Row.CaseRef);
        Audit = audit;
        Template = settings.Templates.GetValueOrDefault(audit.TemplateId);
        Actions = AuditActions(store.Audits, audit, settings.Today);
        return Page();
    }

    /// <summary>The case actions the audit raised, every status.</summary>
    internal static IReadOnlyList<RegisterEntry> AuditActions(IAuditStore store, StoredAudit audit, DateOnly today) =>
        store.ListActions(new ActionFilter(Status: ActionStatusFilter.All, TemplateId: audit.TemplateId, AuditId: audit.Row.AuditId), today);

    /// <summary>The criterion's wording from the template, or its id when the template is not loaded.</summary>
    public string CriterionText(string id) => Template?.Criteria.FirstOrDefault(c => c.Id == id)?.Text ?? id;
}
