namespace ProadSync.Plugin.CalDav.Http;

/// <summary>How the DAV client talks to one server.</summary>
internal sealed record DavClientOptions
{
    /// <summary>The user name, if any.</summary>
    public string? UserName { get; init; }

    /// <summary>The password, if any. Never logged.</summary>
    public string? Password { get; init; }

    /// <summary>The timeout of one request.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(100);

    /// <summary>The largest response body accepted.</summary>
    public long MaxResponseBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>How many writes may run at once.</summary>
    public int MaxParallelWrites { get; init; } = 4;

    /// <summary>The scheme remembered from an earlier run, if any.</summary>
    public DavAuthScheme KnownScheme { get; init; }

    /// <summary>The User-Agent sent with every request (old Baikal refuses requests without one).</summary>
    public string UserAgent { get; init; } = "ProadSync-CalDAV/0.1";
}
