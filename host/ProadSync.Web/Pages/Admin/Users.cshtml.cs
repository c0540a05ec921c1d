using Microsoft.AspNetCore.Mvc;
using ProadSync.Core.Leading;

namespace ProadSync.Web.Pages.Admin;

/// <summary>The users of the admin's database: their accounts, runs, and setting a user's web password.</summary>
public sealed class UsersModel : ProadSyncPageModel
{
    /// <summary>The users with whether they have an account.</summary>
    public IReadOnlyList<(LeadingUser User, SyncAccount? Account)> Users { get; private set; } = [];

    /// <summary>Lists the users.</summary>
    /// <returns>The page.</returns>
    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return Page();
    }

    /// <summary>Sets a user's web password (through <see cref="Hosting.Users.UserService"/>).</summary>
    /// <param name="login">The user.</param>
    /// <param name="password">The new password.</param>
    /// <returns>The page with the result.</returns>
    public async Task<IActionResult> OnPostPasswordAsync(string login, string? password)
    {
        if (await TryAsync(() => Services.Users.SetPasswordAsync(Me.Database, login, password ?? "", HttpContext.RequestAborted)))
        {
            Message = PageMessage.Ok(string.Format(System.Globalization.CultureInfo.InvariantCulture, T["The password of '{0}' was set."], login));
        }

        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        await using var store = await OpenStoreAsync();
        var accounts = await store.ListAccountsAsync(HttpContext.RequestAborted);
        Users = (await store.ListUsersAsync(HttpContext.RequestAborted))
            .Select(u => (u, accounts.FirstOrDefault(a => a.UserId == u.Id)))
            .ToList();
    }
}
