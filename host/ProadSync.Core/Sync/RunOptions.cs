namespace ProadSync.Core.Sync;

/// <summary>How one run behaves (the switches of <c>sync run</c>).</summary>
public sealed record RunOptions
{
    /// <summary>Plan only: read both sides and return the plan, change nothing anywhere (no writes, no cursors).</summary>
    public bool DryRun { get; init; }

    /// <summary>Confirms a run that would delete many items (<c>sync run --allow-mass-delete</c>).</summary>
    public bool AllowMassDelete { get; init; }

    /// <summary>The share of the account's links above which deletions stop the run (default 0.5).</summary>
    public double MassDeleteShare { get; init; } = 0.5;

    /// <summary>The number of deletions from which the share applies (default 10).</summary>
    public int MassDeleteMinimum { get; init; } = 10;

    /// <summary>Overrides the target's <c>MaxParallelWrites</c> when set.</summary>
    public int? MaxParallelWrites { get; init; }
}
