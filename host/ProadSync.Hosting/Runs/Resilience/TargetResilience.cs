using ProadSync.Abstractions.Targets;

namespace ProadSync.Hosting.Runs.Resilience;

/// <summary>Wraps targets in the host's retry policy (used by <see cref="TargetResolver"/>; public for tools and tests).</summary>
public static class TargetResilience
{
    /// <summary>Wraps a calendar target so its transient failures are retried.</summary>
    /// <param name="target">The plugin's target.</param>
    /// <param name="options">The retry bounds.</param>
    /// <param name="time">The clock the waits use.</param>
    /// <param name="statistics">Where retries are counted, if anywhere.</param>
    /// <param name="randomizer">The jitter's source of numbers in [0, 1) (for reproducible runs), or <see langword="null"/>.</param>
    /// <returns>The wrapped target; disposing it disposes <paramref name="target"/>.</returns>
    public static ICalendarTarget Wrap(ICalendarTarget target, TargetRetryOptions options, TimeProvider time, RetryStatistics? statistics = null, Func<double>? randomizer = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        return new ResilientCalendarTarget(target, new TargetRetryPolicy(options, time, statistics ?? new RetryStatistics(), randomizer));
    }

    /// <summary>Wraps a contact target so its transient failures are retried.</summary>
    /// <param name="target">The plugin's target.</param>
    /// <param name="options">The retry bounds.</param>
    /// <param name="time">The clock the waits use.</param>
    /// <param name="statistics">Where retries are counted, if anywhere.</param>
    /// <param name="randomizer">The jitter's source of numbers in [0, 1), or <see langword="null"/>.</param>
    /// <returns>The wrapped target; disposing it disposes <paramref name="target"/>.</returns>
    public static IContactTarget Wrap(IContactTarget target, TargetRetryOptions options, TimeProvider time, RetryStatistics? statistics = null, Func<double>? randomizer = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        return new ResilientContactTarget(target, new TargetRetryPolicy(options, time, statistics ?? new RetryStatistics(), randomizer));
    }
}
