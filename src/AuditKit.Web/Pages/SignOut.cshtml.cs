using AuditKit.Web.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AuditKit.Web.Pages;

/// <summary><c>/sign-out</c>: a form post (with its antiforgery token) ends the sign-in.</summary>
public sealed class SignOutModel(AccessLog log) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        log.SignedOut();
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
        return Redirect("/sign-in");
    }
}
