using System.Security.Claims;
using ProadSync.Core.Leading;
using ProadSync.Hosting.Users;

namespace ProadSync.Web.Security;

/// <summary>The signed-in user as the pages see it: database, login and whether an admin.</summary>
/// <param name="Database">The database the user signed in to; every page works on this database only.</param>
/// <param name="Login">The login.</param>
/// <param name="IsAdmin">Whether the user is an admin (server manager, every account of the database).</param>
internal sealed record WebUser(string Database, string Login, bool IsAdmin)
{
    public const string AdminRole = "admin";
    public const string AdminPolicy = "admin";
    public const string DatabaseClaim = "proadsync:db";
    public const string StampClaim = "proadsync:stamp";

    public static WebUser From(ClaimsPrincipal principal) => new(
        principal.FindFirstValue(DatabaseClaim) ?? throw new InvalidOperationException("The sign-in carries no database."),
        principal.Identity?.Name ?? throw new InvalidOperationException("The sign-in carries no login."),
        principal.IsInRole(AdminRole));

    public static ClaimsPrincipal Principal(string database, LeadingUser user)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, user.Login),
            new(DatabaseClaim, database),
            new(StampClaim, UserService.SecurityStamp(user)),
        };
        if (user.IsAdmin)
        {
            claims.Add(new Claim(ClaimTypes.Role, AdminRole));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationDefaults.AuthenticationScheme));
    }

    /// <summary>Whether this user may see and change the account (and runs, to-dos) of <paramref name="login"/>.</summary>
    public bool MayAccess(string login) => IsAdmin || string.Equals(login, Login, StringComparison.OrdinalIgnoreCase);
}
