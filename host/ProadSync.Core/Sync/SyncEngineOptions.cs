namespace ProadSync.Core.Sync;

/// <summary>Settings of the engine that hold for every run.</summary>
public sealed record SyncEngineOptions
{
    /// <summary>How often one item is re-read and decided again after a version conflict before it is reported as failed (default 3).</summary>
    public int MaxConflictRetries { get; init; } = 3;

    /// <summary>How many ids one <c>GetAsync</c> call reads (default 100).</summary>
    public int FetchBatchSize { get; init; } = 100;

    /// <summary>How far ahead of the run external items are looked at (default 12 months, SPEC R-GEN-2).</summary>
    public int WindowMonthsAhead { get; init; } = 12;

    /// <summary>How far back the default cutoff lies when the account sets none (default 12 months, decision D-1).</summary>
    public int DefaultCutoffMonthsBack { get; init; } = 12;
}
