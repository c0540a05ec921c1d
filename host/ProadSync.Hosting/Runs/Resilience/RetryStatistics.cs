namespace ProadSync.Hosting.Runs.Resilience;

/// <summary>Counts what the retry policy did (thread-safe); the chaos and benchmark tools print it.</summary>
public sealed class RetryStatistics
{
    private long _retries;
    private long _recovered;
    private long _exhausted;
    private long _retryAfterHonoured;
    private long _retryAfterTooLong;

    /// <summary>Retries started (each wait followed by another attempt).</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Calls that failed transiently at first and then succeeded.</summary>
    public long Recovered => Interlocked.Read(ref _recovered);

    /// <summary>Calls that still failed after the last retry (the error went to the engine).</summary>
    public long Exhausted => Interlocked.Read(ref _exhausted);

    /// <summary>Waits that used the server's <c>Retry-After</c>.</summary>
    public long RetryAfterHonoured => Interlocked.Read(ref _retryAfterHonoured);

    /// <summary>Calls given up at once because the server asked to wait longer than allowed.</summary>
    public long RetryAfterTooLong => Interlocked.Read(ref _retryAfterTooLong);

    internal void Retry(bool retryAfter)
    {
        Interlocked.Increment(ref _retries);
        if (retryAfter)
        {
            Interlocked.Increment(ref _retryAfterHonoured);
        }
    }

    internal void Recover() => Interlocked.Increment(ref _recovered);

    internal void Exhaust() => Interlocked.Increment(ref _exhausted);

    internal void TooLong() => Interlocked.Increment(ref _retryAfterTooLong);

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Retries} retries, {Recovered} recovered, {Exhausted} exhausted, {RetryAfterHonoured} Retry-After honoured, {RetryAfterTooLong} Retry-After too long");
}
