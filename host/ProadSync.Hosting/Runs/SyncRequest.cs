namespace ProadSync.Hosting.Runs;

/// <summary>Which accounts <c>sync run</c> runs, and how.</summary>
public sealed record SyncRequest
{
    /// <summary>Only this database.</summary>
    public string? Database { get; init; }

    /// <summary>Only this user.</summary>
    public string? Login { get; init; }

    /// <summary>Print the plan, change nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>Confirm a run the mass-delete circuit breaker stopped.</summary>
    public bool AllowMassDelete { get; init; }
}
