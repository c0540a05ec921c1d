namespace ProadSync.Abstractions.Models;

/// <summary>What a calendar target can do; the host adapts its plan to it.</summary>
public sealed record TargetCapabilities
{
    /// <summary>Whether the target stores tasks at all.</summary>
    public bool SupportsTasks { get; init; } = true;

    /// <summary>Whether <see cref="Targets.ICalendarTarget.GetChangesAsync"/> can report deltas from a cursor.</summary>
    public bool SupportsChangeCursor { get; init; }

    /// <summary>Whether task start/due keep only a date (the host then compares tasks by date).</summary>
    public bool TaskDatesAreDateOnly { get; init; }

    /// <summary>How many writes the host may run in parallel against this target.</summary>
    public int MaxParallelWrites { get; init; } = 1;
}
