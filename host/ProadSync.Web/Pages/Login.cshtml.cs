using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using ProadSync.Web.Security;

namespace ProadSync.Web.Pages;

/// <summary>Sign-in with database, login and password.</summary>
public sealed class LoginModel : ProadSyncPageModel
{
    /// <summary>The database.</summary>
    [BindProperty]
    public string? Database { get; set; }

    /// <summary>The login.</summary>
    [BindProperty]
    public string? Login { get; set; }

    /// <summary>The password (never rendered back).</summary>
    [BindProperty]
    public string? Password { get; set; }

    /// <summary>Where to go after the sign-in.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Shows the form.</summary>
    public void OnGet()
    {
    }

    /// <summary>Signs in, or says that the data did not match (without saying which part).</summary>
    /// <returns>A redirect or the page.</returns>
    public async Task<IActionResult> OnPostAsync()
    {
        var user = await Services.Users.VerifyPasswordAsync(Database ?? "", Login ?? "", Password ?? "", HttpContext.RequestAborted);
        Password = null;
        if (user is null)
        {
            Message = PageMessage.Error(T["Sign-in failed: database, login or password is wrong, or no password is set for this user."]);
            return Page();
        }

        var database = (await Services.Catalog.FindDatabaseAsync(Database!.Trim(), HttpContext.RequestAborted))!.Name;
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, WebUser.Principal(database, user));
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/account");
    }
}
