namespace ProadSync.Abstractions.Models;

/// <summary>A half-open time range [<see cref="Start"/>, <see cref="End"/>).</summary>
/// <param name="Start">Inclusive start.</param>
/// <param name="End">Exclusive end.</param>
public sealed record DateRange(DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>Whether an item that begins at <paramref name="start"/> and ends at <paramref name="end"/> begins or ends inside the range (SPEC R-COND-1).</summary>
    /// <param name="start">The item's start, if any.</param>
    /// <param name="end">The item's end, if any.</param>
    /// <returns><see langword="true"/> when the start or the end lies inside the range.</returns>
    public bool Touches(DateTimeOffset? start, DateTimeOffset? end) =>
        (start is { } s && s >= Start && s < End) || (end is { } e && e >= Start && e < End);
}
