namespace ProadSync.FakeGraph;

/// <summary>
/// A failure the fake answers with instead of (or after) serving matching requests: throttling (429 with
/// <c>Retry-After</c>), authentication failures (401/403), server errors.
/// </summary>
/// <param name="StatusCode">The HTTP status to answer with.</param>
/// <param name="Code">The Graph error code (<c>TooManyRequests</c>, <c>ErrorAccessDenied</c>, …).</param>
/// <param name="Message">The error message.</param>
public sealed record FakeFault(int StatusCode, string Code, string Message)
{
    /// <summary>The <c>Retry-After</c> header to send, if any.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Only requests with this method (GET, POST, …) match; <see langword="null"/> for any.</summary>
    public string? Method { get; init; }

    /// <summary>Only requests whose path contains this text (ordinal, case-insensitive) match; <see langword="null"/> for any.</summary>
    public string? PathContains { get; init; }

    /// <summary>How many matching requests get the fault.</summary>
    public int Times { get; init; } = 1;

    /// <summary>
    /// Whether the request is processed first and only its response is replaced by the fault (a lost response:
    /// the client cannot know that its POST took effect).
    /// </summary>
    public bool AfterProcessing { get; init; }

    /// <summary>A 429 with <c>Retry-After</c>, as Outlook throttling answers.</summary>
    /// <param name="retryAfter">The time to ask the client to wait.</param>
    /// <returns>The fault.</returns>
    public static FakeFault Throttle(TimeSpan retryAfter) =>
        new(429, "TooManyRequests", "Application is over its MailboxConcurrency limit.") { RetryAfter = retryAfter };
}
