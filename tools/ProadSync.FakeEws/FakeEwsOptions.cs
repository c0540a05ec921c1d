namespace ProadSync.FakeEws;

/// <summary>How to start a fake EWS server.</summary>
public sealed record FakeEwsOptions
{
    /// <summary>The users (name → password) that may log in with Basic authentication; each gets a mailbox.</summary>
    public IReadOnlyDictionary<string, string> Users { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>SMTP addresses of mailboxes (address → user name), see <see cref="FakeEwsState.AddSmtpAddress"/>.</summary>
    public IReadOnlyDictionary<string, string> SmtpAddresses { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The users with the ApplicationImpersonation role, see <see cref="FakeEwsState.GrantImpersonation"/>.</summary>
    public IReadOnlyCollection<string> Impersonators { get; init; } = [];

    /// <summary>The address to listen on; must be a loopback address. Port 0 picks a free port.</summary>
    public string Url { get; init; } = "http://127.0.0.1:0";

    /// <summary>Whether the admin endpoint <c>/fake-admin/…</c> is served (for out-of-process tests).</summary>
    public bool EnableAdminEndpoint { get; init; } = true;

    /// <summary>The largest request body accepted, in bytes.</summary>
    public int MaxRequestBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>The clock for LastModifiedTime and DateTimeCreated.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
