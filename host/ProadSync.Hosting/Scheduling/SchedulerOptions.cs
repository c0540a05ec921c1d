using ProadSync.Hosting.Licensing;

namespace ProadSync.Hosting.Scheduling;

/// <summary>Options of the scheduler (SPEC R-GEN-4).</summary>
public sealed class SchedulerOptions
{
    /// <summary>
    /// The run interval when the catalog has no setting <see cref="SchedulerSettings.IntervalMinutes"/> (default 5
    /// minutes). The setting wins and is re-read on every tick.
    /// </summary>
    public TimeSpan DefaultInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many accounts (of different users) may run at the same time (default 4).</summary>
    public int MaxParallelRuns { get; set; } = 4;

    /// <summary>How often the scheduler looks for due accounts (default 15 seconds); an overrun triggers a look at once.</summary>
    public TimeSpan TickPeriod { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Maps a calendar plugin id to the interface (licence feature) it needs, or <see langword="null"/> for none.
    /// Default: <see cref="KnownInterfaces.ForBuiltInPlugin"/>; the host sets it from the plugin manifests.
    /// </summary>
    public Func<string, string?> InterfaceOfPlugin { get; set; } = KnownInterfaces.ForBuiltInPlugin;
}
