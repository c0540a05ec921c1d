namespace ProadSync.Hosting.Scheduling;

/// <summary>What the scheduler decided for one account at one tick.</summary>
public enum ScheduleAction
{
    /// <summary>Due: a run starts.</summary>
    Start,

    /// <summary>Ran recently; the next run is due later.</summary>
    NotDue,

    /// <summary>A run of the account is still going (or waiting for a free slot); never two at once.</summary>
    AlreadyRunning,

    /// <summary>"Enable synchronisation" is off (by the user, or automatically after failures).</summary>
    SkippedDisabled,

    /// <summary>The account's interface is not licensed or not switched on for its database (no green marker).</summary>
    SkippedUnlicensed,
}
