namespace ProadSync.Core.Leading;

/// <summary>One run of one account, as the run log keeps it.</summary>
public sealed record RunRecord
{
    /// <summary>The run's id (0 before it is saved).</summary>
    public long Id { get; init; }

    /// <summary>The account.</summary>
    public required long AccountId { get; init; }

    /// <summary>When the run started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When the run ended, or <see langword="null"/> while it runs.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary><c>running</c>, <c>succeeded</c>, <c>partial</c>, <c>failed</c>, <c>refused</c>.</summary>
    public string Outcome { get; init; } = "running";

    /// <summary>The run's counts and per-item messages, as JSON.</summary>
    public string? SummaryJson { get; init; }

    /// <summary>The error that ended the run, if any.</summary>
    public string? Error { get; init; }
}
