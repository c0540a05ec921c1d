namespace ProadSync.Abstractions.Errors;

/// <summary>
/// The server could not be reached or is busy (timeouts, 5xx, 429, <c>ErrorServerBusy</c>); the same call may work
/// later. The host retries with back-off and counts a run that still fails as a failed connection attempt.
/// </summary>
public sealed class TransientTargetException : TargetException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">One sentence for a person.</param>
    /// <param name="retryAfter">How long the server asked to wait, if it said.</param>
    /// <param name="innerException">The cause, if any.</param>
    public TransientTargetException(string message, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(message, innerException) => RetryAfter = retryAfter;

    /// <summary>How long the server asked to wait (<c>Retry-After</c>, <c>BackOffMilliseconds</c>), if it said.</summary>
    public TimeSpan? RetryAfter { get; }
}
