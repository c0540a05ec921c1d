namespace ProadSync.Abstractions.Targets;

/// <summary>
/// Everything a target needs to reach one user's external calendar or address book.
/// </summary>
/// <remarks>
/// The host decrypts the credential just before it creates the target and never logs it; targets must not log or
/// echo <see cref="Password"/> either.
/// </remarks>
public sealed record TargetSettings
{
    /// <summary>The server URL or endpoint (for file-based targets a folder path).</summary>
    public required string Url { get; init; }

    /// <summary>The user name to log in with, if any.</summary>
    public string? UserName { get; init; }

    /// <summary>The password or client secret, if any. Never log it.</summary>
    public string? Password { get; init; }

    /// <summary>A plugin-specific profile (for CalDAV: <c>auto</c>, <c>davical</c>, <c>baikal</c>, …).</summary>
    public string? Profile { get; init; }

    /// <summary>Further plugin-specific options (string keys, case-insensitive by convention).</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();

    /// <summary>Plugin-private state that the host persists per account (discovered URLs, probed capabilities).</summary>
    public ITargetStateStore State { get; init; } = NullTargetStateStore.Instance;

    /// <summary>Returns a readable description without the password.</summary>
    /// <returns>The URL, user and profile.</returns>
    public override string ToString() => $"{Url} (user {UserName ?? "-"}, profile {Profile ?? "-"})";
}
