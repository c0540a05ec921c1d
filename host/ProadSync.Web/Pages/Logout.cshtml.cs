using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace ProadSync.Web.Pages;

/// <summary>Sign-out (a form post, so no link can sign anyone out).</summary>
public sealed class LogoutModel : ProadSyncPageModel
{
    /// <summary>Goes to the sign-in.</summary>
    /// <returns>A redirect.</returns>
    public IActionResult OnGet() => LocalRedirect("/login");

    /// <summary>Signs out.</summary>
    /// <returns>A redirect to the sign-in.</returns>
    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return LocalRedirect("/login");
    }
}
