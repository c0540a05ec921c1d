namespace ProadSync.FakeGraph;

/// <summary>How a <see cref="FakeGraphServer"/> is set up: the app registration it accepts and its mailboxes.</summary>
public sealed record FakeGraphOptions
{
    /// <summary>The tenant id the token endpoint answers for.</summary>
    public string TenantId { get; init; } = "contoso-tenant";

    /// <summary>The client (application) id accepted by the token endpoint.</summary>
    public string ClientId { get; init; } = "proadsync-app";

    /// <summary>The client secret accepted by the token endpoint.</summary>
    public string ClientSecret { get; init; } = "s3cret";

    /// <summary>The mailboxes (user principal names) that exist from the start.</summary>
    public IReadOnlyList<string> Mailboxes { get; init; } = ["anna@contoso.example"];

    /// <summary>Whether a request for an unknown mailbox creates it (handy when the fake runs as a process).</summary>
    public bool CreateMailboxesOnDemand { get; init; }

    /// <summary>The delta page size when the client sends no <c>Prefer: odata.maxpagesize</c>.</summary>
    public int DefaultPageSize { get; init; } = 10;

    /// <summary>How long an issued access token is valid.</summary>
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromHours(1);
}
