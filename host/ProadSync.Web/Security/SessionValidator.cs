using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using ProadSync.Hosting;
using ProadSync.Hosting.Users;

namespace ProadSync.Web.Security;

/// <summary>Ends a session when its user was removed, or their password or admin role changed since the sign-in.</summary>
internal static class SessionValidator
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var database = principal?.FindFirstValue(WebUser.DatabaseClaim);
        var login = principal?.Identity?.Name;
        var stamp = principal?.FindFirstValue(WebUser.StampClaim);
        var services = context.HttpContext.RequestServices.GetRequiredService<HostServices>();
        var valid = false;
        if (database is not null && login is not null && stamp is not null
            && await services.Catalog.FindDatabaseAsync(database, context.HttpContext.RequestAborted) is not null)
        {
            await using var store = await services.Catalog.OpenAsync(database, context.HttpContext.RequestAborted);
            var user = await store.FindUserAsync(login, context.HttpContext.RequestAborted);
            valid = user is not null && user.PasswordHash is not null && UserService.SecurityStamp(user) == stamp;
        }

        if (!valid)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }
}
