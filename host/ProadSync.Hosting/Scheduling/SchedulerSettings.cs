using System.Globalization;
using ProadSync.Core.Leading;

namespace ProadSync.Hosting.Scheduling;

/// <summary>The admin's scheduler settings in the catalog (SPEC R-GEN-4: "the admin can change the interval").</summary>
public static class SchedulerSettings
{
    /// <summary>The run interval in whole minutes (1 to 1440).</summary>
    public const string IntervalMinutes = "scheduler.intervalMinutes";

    /// <summary>The shortest interval an admin may set.</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromMinutes(1);

    /// <summary>The longest interval an admin may set.</summary>
    public static readonly TimeSpan MaxInterval = TimeSpan.FromDays(1);

    /// <summary>Reads the interval.</summary>
    /// <param name="catalog">The catalog.</param>
    /// <param name="fallback">The interval when none (or an unreadable one) is set.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The interval.</returns>
    public static async Task<TimeSpan> GetIntervalAsync(ILeadingCatalog catalog, TimeSpan fallback, CancellationToken cancellationToken) =>
        TryParse(await catalog.GetSettingAsync(IntervalMinutes, cancellationToken)) ?? fallback;

    /// <summary>Sets the interval; takes effect at the next tick of a running scheduler.</summary>
    /// <param name="catalog">The catalog.</param>
    /// <param name="interval">Whole minutes from 1 to 1440.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when saved.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The interval is not whole minutes between 1 and 1440.</exception>
    public static Task SetIntervalAsync(ILeadingCatalog catalog, TimeSpan interval, CancellationToken cancellationToken)
    {
        if (interval < MinInterval || interval > MaxInterval || interval.Ticks % TimeSpan.TicksPerMinute != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "The run interval must be whole minutes from 1 to 1440.");
        }

        return catalog.SetSettingAsync(IntervalMinutes, ((long)interval.TotalMinutes).ToString(CultureInfo.InvariantCulture), cancellationToken);
    }

    internal static TimeSpan? TryParse(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) && minutes is >= 1 and <= 1440
            ? TimeSpan.FromMinutes(minutes)
            : null;
}
