using AuditKit.Web.Access;
using AuditKit.Web.People;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AuditKit.Web.Pages;

/// <summary><c>/sign-in</c>: email address and password, with lockout after repeated failures.</summary>
public sealed class SignInModel(RequestStore store, SignInCheck check, AccessLog log, WebAppSettings settings) : PageModel
{
    /// <summary>The council's provider, when sign-in through it is configured.</summary>
    public string? ProviderName => settings.OpenIdConnect?.DisplayName;

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public List<(string Field, string Message)> Errors { get; } = [];

    public string? ErrorFor(string field) => Errors.Where(e => e.Field == field).Select(e => e.Message).FirstOrDefault();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Email))
        {
            Errors.Add(("email", "Enter your email address"));
        }

        if (string.IsNullOrEmpty(Password))
        {
            Errors.Add(("password", "Enter your password"));
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        var (outcome, person) = check.Check(store.People, Email!, Password!);
        switch (outcome)
        {
            case SignInOutcome.SignedIn:
                log.SignedIn(person!);
                await HttpContext.SignInAsync(
                    CookieAuthenticationDefaults.AuthenticationScheme,
                    person!.ToPrincipal(CookieAuthenticationDefaults.AuthenticationScheme)).ConfigureAwait(false);
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
            case SignInOutcome.LockedOut:
                log.SignInFailed(Email!, "locked out after repeated failures");
                Errors.Add(("email", $"There have been {SignInCheck.MaxFailures} failed attempts to sign in: try again in {SignInCheck.LockoutLength.TotalMinutes:0} minutes"));
                break;
            default:
                log.SignInFailed(Email!, "wrong email address or password");
                Errors.Add(("email", "The email address or password is not right"));
                break;
        }

        Password = null;
        return Page();
    }
}
