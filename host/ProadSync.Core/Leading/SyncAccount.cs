namespace ProadSync.Core.Leading;

/// <summary>A user's sync account ("My account → CalDAV/Exchange synchronisation", SPEC section 2).</summary>
public sealed record SyncAccount
{
    /// <summary>The account's id (0 before it is saved).</summary>
    public long Id { get; init; }

    /// <summary>The user the account belongs to; one account per user.</summary>
    public required long UserId { get; init; }

    /// <summary>"Enable synchronisation".</summary>
    public bool Enabled { get; init; }

    /// <summary>The calendar plugin (<c>vdir</c>, <c>caldav</c>, <c>exchange</c>, <c>graph</c>, …).</summary>
    public required string PluginId { get; init; }

    /// <summary>The contact plugin, when it differs from <see cref="PluginId"/> (for example <c>carddav</c> beside <c>caldav</c>).</summary>
    public string? ContactPluginId { get; init; }

    /// <summary>The plugin's profile.</summary>
    public string? Profile { get; init; }

    /// <summary>The server URL, endpoint or folder.</summary>
    public string? Url { get; init; }

    /// <summary>The login name at the server.</summary>
    public string? UserName { get; init; }

    /// <summary>The credential, encrypted by the host; never printed (SPEC R-ACC-7).</summary>
    public string? ProtectedSecret { get; init; }

    /// <summary>The sync mode.</summary>
    public SyncMode Mode { get; init; } = SyncMode.OneWay;

    /// <summary>"Export contacts" (SPEC R-CON-1).</summary>
    public bool ExportContacts { get; init; }

    /// <summary>The cutoff date (Stichtag, SPEC R-GEN-3), or <see langword="null"/> for run time − 12 months.</summary>
    public DateOnly? Cutoff { get; init; }

    /// <summary>Failed connection attempts in a row (SPEC R-ACC-3).</summary>
    public int ConsecutiveFailures { get; init; }

    /// <summary>The last error, for the account view.</summary>
    public string? LastError { get; init; }

    /// <summary>When the last run ended.</summary>
    public DateTimeOffset? LastRunAt { get; init; }

    /// <summary>When the first run succeeded; from then on server and user are bound (SPEC R-ACC-5).</summary>
    public DateTimeOffset? BoundAt { get; init; }

    /// <summary>Why synchronisation was switched off or paused automatically, if it was.</summary>
    public string? DisabledReason { get; init; }

    /// <summary>Plugin options.</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();
}
