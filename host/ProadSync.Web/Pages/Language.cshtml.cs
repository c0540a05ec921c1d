using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using ProadSync.Web.Localization;

namespace ProadSync.Web.Pages;

/// <summary>Switches the language (a cookie); without it the browser's Accept-Language decides.</summary>
public sealed class LanguageModel : ProadSyncPageModel
{
    /// <summary>Goes home.</summary>
    /// <returns>A redirect.</returns>
    public IActionResult OnGet() => LocalRedirect("/");

    /// <summary>Keeps the chosen language in a cookie for a year.</summary>
    /// <param name="culture"><c>en</c> or <c>de</c>.</param>
    /// <param name="returnUrl">The page to go back to.</param>
    /// <returns>A redirect back.</returns>
    public IActionResult OnPost(string? culture, string? returnUrl)
    {
        var chosen = Texts.SupportedCultures.Contains(culture ?? "", StringComparer.Ordinal) ? culture! : "en";
        Response.Cookies.Append(
            Texts.CultureCookie,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
            new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = Request.IsHttps,
                IsEssential = true,
                MaxAge = TimeSpan.FromDays(365),
            });
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
    }
}
