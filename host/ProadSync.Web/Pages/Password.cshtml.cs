using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using ProadSync.Core.Leading;
using ProadSync.Hosting.Users;
using ProadSync.Web.Security;

namespace ProadSync.Web.Pages;

/// <summary>
/// A signed-in user changes their own web password (current, new, confirmation) through the same service, rule and
/// hash as the admin's "set password" and <c>users set-password</c>. The fields are write-only.
/// </summary>
public sealed class PasswordModel : ProadSyncPageModel
{
    /// <summary>The password the user signs in with now (never rendered back).</summary>
    [BindProperty]
    public string? CurrentPassword { get; set; }

    /// <summary>The new password (never rendered back).</summary>
    [BindProperty]
    public string? NewPassword { get; set; }

    /// <summary>The new password once more (never rendered back).</summary>
    [BindProperty]
    public string? ConfirmPassword { get; set; }

    /// <summary>The shortest password accepted (the service's rule).</summary>
    public static int MinimumLength => UserService.MinimumPasswordLength;

    /// <summary>Shows the form.</summary>
    public void OnGet()
    {
    }

    /// <summary>Changes the password, or says why not (nothing changes then); keeps this session signed in.</summary>
    /// <returns>The page with the result.</returns>
    public async Task<IActionResult> OnPostAsync()
    {
        var current = CurrentPassword ?? "";
        var next = NewPassword ?? "";
        var confirm = ConfirmPassword ?? "";
        CurrentPassword = NewPassword = ConfirmPassword = null;

        if (!string.Equals(next, confirm, StringComparison.Ordinal))
        {
            Message = PageMessage.Error(T["The new password and its confirmation differ; nothing was changed."]);
            return Page();
        }

        // The service enforces the rule; checked here first only to say it in the request's language.
        if (next.Length < UserService.MinimumPasswordLength)
        {
            Message = PageMessage.Error(string.Format(CultureInfo.InvariantCulture, T["The new password must have at least {0} characters; nothing was changed."], UserService.MinimumPasswordLength));
            return Page();
        }

        var me = Me;
        LeadingUser? changed = null;
        if (!await TryAsync(async () => changed = await Services.Users.ChangePasswordAsync(me.Database, me.Login, current, next, HttpContext.RequestAborted)))
        {
            return Page();
        }

        if (changed is null)
        {
            Message = PageMessage.Error(T["The current password is wrong; nothing was changed."]);
            return Page();
        }

        // The new hash changes the session stamp; this session gets a fresh cookie, every other session ends.
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, WebUser.Principal(me.Database, changed));
        Message = PageMessage.Ok(T["Your password was changed; sign in with the new one from now on. Your other sessions have ended."]);
        return Page();
    }
}
