namespace ProadSync.Hosting.Runs.Resilience;

/// <summary>
/// How the host retries target calls that failed transiently (a <see cref="Abstractions.Errors.TransientTargetException"/>:
/// a timeout, a reset connection, 5xx, 429). Authentication, configuration and per-item errors are never retried.
/// </summary>
public sealed record TargetRetryOptions
{
    /// <summary>The default: 3 retries, 1 s base delay doubling with jitter, at most 30 s per wait, Retry-After up to 2 minutes.</summary>
    public static TargetRetryOptions Default { get; } = new();

    /// <summary>No retries at all (each transient error fails the call at once).</summary>
    public static TargetRetryOptions None { get; } = new() { MaxRetries = 0 };

    /// <summary>How often one call is retried after its first attempt (0 switches retries off).</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>The delay before the first retry; it doubles for each further one.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>No computed wait is longer than this.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A server's <c>Retry-After</c> is honoured up to this long; a server asking for more makes the call fail at once
    /// (the next scheduled run tries again) instead of holding the run.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Whether computed waits are spread randomly (decorrelated jitter) so many accounts do not retry in step.</summary>
    public bool UseJitter { get; init; } = true;
}
