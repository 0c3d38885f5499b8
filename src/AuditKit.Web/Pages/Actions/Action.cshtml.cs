using AuditKit.Store;
using AuditKit.Web.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AuditKit.Web.Pages.Actions;

/// <summary>
/// <c>/actions/{id}</c>: one action with its history; its owner or a manager records progress (in progress, done with a
/// note; cancelled by a manager only), kept in the action's history with the signed-in person's name.
/// </summary>
public sealed class ActionModel(RequestStore store, ScopeProvider scopes, WebAppSettings settings, AccessLog log) : PageModel
{
    public RegisterEntry Action { get; private set; } = null!;

    public IReadOnlyList<ActionHistoryEntry> History { get; private set; } = [];

    public bool CanRecord { get; private set; }

    public bool CanCancel { get; private set; }

    [BindProperty]
    public string? NewStatus { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    public string? Error { get; private set; }

    public IActionResult OnGet(string id)
    {
        if (!Load(id))
        {
            return NotFound();
        }

        log.Viewed(AccessObjects.Action, Action.Id, Action.CaseRef);
        return Page();
    }

    public IActionResult OnPost(string id)
    {
        if (!Load(id))
        {
            return NotFound();
        }

        if (!CanRecord)
        {
            return Forbid();
        }

        ActionStatus status;
        switch (NewStatus)
        {
            case "in_progress": status = ActionStatus.InProgress; break;
            case "done": status = ActionStatus.Done; break;
            case "cancelled" when CanCancel: status = ActionStatus.Cancelled; break;
            default:
                Error = CanCancel ? "Select in progress, done or cancelled" : "Select in progress or done";
                return Page();
        }

        var note = string.IsNullOrWhiteSpace(Note) ? null : Note.Trim();
        if (status == ActionStatus.Done && note is null)
        {
            Error = "Enter a note saying what was done";
            return Page();
        }

        var result = store.Audits.UpdateAction(Action.Id, status, note, scopes.Current.Person.HistoryName, settings.Today);
        if (result.Success)
        {
            // The new status only: the note may hold case-file details and stays in the action's history.
            log.Changed(AccessObjects.Action, Action.Id, $"status {result.Previous?.ToContractName()} -> {result.Current?.ToContractName()}", Action.CaseRef);
        }

        return Redirect($"/actions/{Uri.EscapeDataString(Action.Id)}");
    }

    private bool Load(string id)
    {
        var scope = scopes.Current;
        // Ids are matched in either case, as the store writes them in one.
        var found = FollowUps.ActionId.TryParse(id, out var parsed)
            ? store.Audits.ListActions(new ActionFilter(Status: ActionStatusFilter.All, Id: parsed.ToString()), settings.Today).SingleOrDefault()
            : null;
        if (found is null || !scope.CanSeeAction(found))
        {
            return false;
        }

        Action = found;
        History = store.Audits.ActionHistory(found.Id);
        var open = found.Status is ActionStatus.Open or ActionStatus.InProgress;
        CanRecord = open && scope.CanRecordProgress(found);
        CanCancel = open && scope.CanCancel(found);
        return true;
    }
}
