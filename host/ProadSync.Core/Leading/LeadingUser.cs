namespace ProadSync.Core.Leading;

/// <summary>A user of a leading-system database.</summary>
/// <param name="Id">The user's id.</param>
/// <param name="Login">The login name (unique per database, case-insensitive).</param>
/// <param name="DisplayName">The name shown to people.</param>
/// <param name="MayConfigureSync">The right "may configure synchronisation" (SPEC R-ACC-1).</param>
public sealed record LeadingUser(long Id, string Login, string DisplayName, bool MayConfigureSync)
{
    /// <summary>A standard password hash for the web UI, or <see langword="null"/>.</summary>
    public string? PasswordHash { get; init; }

    /// <summary>Whether the user administers the database.</summary>
    public bool IsAdmin { get; init; }
}
