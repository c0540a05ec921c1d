namespace ProadSync.Abstractions.Models;

/// <summary>
/// The six task states of the leading system (SPEC R-TSK-2; PROAD status codes 100–600).
/// </summary>
/// <remarks>
/// Targets that know fewer states must keep the exact state in a private property so that it survives a round
/// trip (decision D-6).
/// </remarks>
public enum TodoStatus
{
    /// <summary>New (PROAD 100).</summary>
    New = 0,

    /// <summary>Started (PROAD 200).</summary>
    Started = 1,

    /// <summary>Waiting (PROAD 300).</summary>
    Waiting = 2,

    /// <summary>Deferred (PROAD 400).</summary>
    Deferred = 3,

    /// <summary>Done (PROAD 500).</summary>
    Done = 4,

    /// <summary>Cancelled (PROAD 600).</summary>
    Cancelled = 5,
}
