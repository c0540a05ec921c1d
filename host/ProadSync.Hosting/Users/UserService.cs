using Microsoft.AspNetCore.Identity;
using ProadSync.Core.Leading;

namespace ProadSync.Hosting.Users;

/// <summary>
/// Users' web sign-in: an admin sets a user's password, or the user changes their own (kept as a standard ASP.NET Core
/// Identity hash in <see cref="LeadingUser.PasswordHash"/>), and the admin role; the web UI verifies passwords here.
/// </summary>
public sealed class UserService
{
    /// <summary>The shortest password accepted.</summary>
    public const int MinimumPasswordLength = 10;

    private readonly ILeadingCatalog _catalog;
    private readonly PasswordHasher<LeadingUser> _hasher = new();

    /// <summary>Creates the service.</summary>
    /// <param name="catalog">The databases.</param>
    public UserService(ILeadingCatalog catalog) => _catalog = catalog;

    /// <summary>Sets (or replaces) a user's web password; sessions signed in with the old one end.</summary>
    /// <param name="database">The database.</param>
    /// <param name="login">The user.</param>
    /// <param name="password">The new password (plain; only its hash is stored).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when saved.</returns>
    /// <exception cref="LeadingValidationException">No such database or user, or the password is too short.</exception>
    public async Task SetPasswordAsync(string database, string login, string password, CancellationToken cancellationToken)
    {
        ValidateNewPassword(password);
        await using var store = await OpenAsync(database, cancellationToken);
        var user = await RequireUserAsync(store, login, cancellationToken);
        await store.UpdateUserAsync(user with { PasswordHash = _hasher.HashPassword(user, password) }, cancellationToken);
    }

    /// <summary>
    /// A user changes their own password: the current one must match; the new one follows the same rule and is hashed
    /// the same way as <see cref="SetPasswordAsync"/>. Other sessions signed in with the old password end.
    /// </summary>
    /// <param name="database">The database.</param>
    /// <param name="login">The user.</param>
    /// <param name="currentPassword">The password the user signs in with now.</param>
    /// <param name="newPassword">The new password (plain; only its hash is stored).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The user with the new hash, or <see langword="null"/> when the current password is wrong (nothing changes).</returns>
    /// <exception cref="LeadingValidationException">No such database or user, or the new password is too short.</exception>
    public async Task<LeadingUser?> ChangePasswordAsync(string database, string login, string currentPassword, string newPassword, CancellationToken cancellationToken)
    {
        ValidateNewPassword(newPassword);
        await using var store = await OpenAsync(database, cancellationToken);
        var user = await RequireUserAsync(store, login, cancellationToken);
        if (user.PasswordHash is null || string.IsNullOrEmpty(currentPassword)
            || _hasher.VerifyHashedPassword(user, user.PasswordHash, currentPassword) == PasswordVerificationResult.Failed)
        {
            return null;
        }

        user = user with { PasswordHash = _hasher.HashPassword(user, newPassword) };
        await store.UpdateUserAsync(user, cancellationToken);
        return user;
    }

    /// <summary>Grants or revokes the admin role of a user.</summary>
    /// <param name="database">The database.</param>
    /// <param name="login">The user.</param>
    /// <param name="isAdmin">Whether the user administers the host's server manager and sees every account of the database.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when saved.</returns>
    /// <exception cref="LeadingValidationException">No such database or user.</exception>
    public async Task SetAdminAsync(string database, string login, bool isAdmin, CancellationToken cancellationToken)
    {
        await using var store = await OpenAsync(database, cancellationToken);
        var user = await RequireUserAsync(store, login, cancellationToken);
        await store.UpdateUserAsync(user with { IsAdmin = isAdmin }, cancellationToken);
    }

    /// <summary>Checks a sign-in; never says which part was wrong.</summary>
    /// <param name="database">The database.</param>
    /// <param name="login">The user.</param>
    /// <param name="password">The password given.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The user, or <see langword="null"/> when the database, the user or the password is wrong or no password is set.</returns>
    public async Task<LeadingUser?> VerifyPasswordAsync(string database, string login, string password, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(database) || string.IsNullOrWhiteSpace(login) || string.IsNullOrEmpty(password)
            || await _catalog.FindDatabaseAsync(database.Trim(), cancellationToken) is null)
        {
            return null;
        }

        await using var store = await _catalog.OpenAsync(database.Trim(), cancellationToken);
        var user = await store.FindUserAsync(login.Trim(), cancellationToken);
        if (user?.PasswordHash is null)
        {
            return null;
        }

        var result = _hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed)
        {
            return null;
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user = user with { PasswordHash = _hasher.HashPassword(user, password) };
            await store.UpdateUserAsync(user, cancellationToken);
        }

        return user;
    }

    /// <summary>
    /// A short value that changes whenever the user's password hash or admin role changes; a web session carries it
    /// and ends when it no longer matches. It reveals nothing about the password.
    /// </summary>
    /// <param name="user">The user.</param>
    /// <returns>The stamp.</returns>
    public static string SecurityStamp(LeadingUser user)
    {
        var text = $"{user.Id}|{user.IsAdmin}|{user.PasswordHash}";
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text));
        return Convert.ToHexString(hash, 0, 12);
    }

    private static void ValidateNewPassword(string? password)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinimumPasswordLength)
        {
            throw new LeadingValidationException($"The password must have at least {MinimumPasswordLength} characters.");
        }
    }

    private async Task<ILeadingSystem> OpenAsync(string database, CancellationToken cancellationToken)
    {
        if (await _catalog.FindDatabaseAsync(database, cancellationToken) is null)
        {
            throw new LeadingValidationException($"There is no database '{database}'; 'proadsync databases list' shows the registered ones.");
        }

        return await _catalog.OpenAsync(database, cancellationToken);
    }

    private static async Task<LeadingUser> RequireUserAsync(ILeadingSystem store, string login, CancellationToken cancellationToken) =>
        await store.FindUserAsync(login, cancellationToken)
        ?? throw new LeadingValidationException($"There is no user '{login}' in database '{store.Database.Name}'.");
}
