using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AuditKit.Web.Pages;

/// <summary>
/// <c>/sign-in/refused</c>: the council's provider signed the person in, but AuditKit cannot give them a role and scope
/// (or the provider's answer could not be used). Says why, and who can put it right; nothing is signed in.
/// </summary>
public sealed class SignInRefusedModel(WebAppSettings settings) : PageModel
{
    public string Reason { get; private set; } = string.Empty;

    public string Remedy { get; private set; } = string.Empty;

    public void OnGet(string? reason)
    {
        var options = settings.OpenIdConnect;
        var provider = options?.DisplayName ?? "your council account";
        (Reason, Remedy) = reason switch
        {
            "norole" => (
                $"Your {provider} account has no AuditKit role, or a role AuditKit does not know.",
                $"Ask whoever manages AuditKit to give your account one of its roles (the '{options?.Roles.Claim}' claim)."),
            "noteam" => (
                "Your account has the role of an auditor or team manager, but does not say which team you are in.",
                $"Ask whoever manages AuditKit to give your account its team (the '{options?.TeamClaim}' claim)."),
            "noservice" => (
                "Your account has the role of a service manager, but does not say which service you manage.",
                $"Ask whoever manages AuditKit to give your account its service (the '{options?.ServiceClaim}' claim)."),
            "noemail" => (
                $"Your {provider} account does not give AuditKit an email address.",
                "Ask whoever manages AuditKit to let it read your email address."),
            "disabled" => (
                "Your account has been turned off in AuditKit.",
                "Ask whoever manages AuditKit to turn it back on."),
            _ => (
                $"Signing in with {provider} did not finish.",
                "Try again. If it happens again, tell whoever manages AuditKit."),
        };
    }
}
