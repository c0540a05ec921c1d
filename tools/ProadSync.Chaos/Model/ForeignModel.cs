using ProadSync.Abstractions.Models;

namespace ProadSync.Chaos.Model;

/// <summary>An item created on the external side by another program.</summary>
internal sealed class ForeignModel
{
    public required string Uid { get; init; }

    public required TodoKind Kind { get; init; }

    /// <summary>The summary, or <see langword="null"/> once deleted externally.</summary>
    public string? Summary { get; set; }

    public required DateTimeOffset Start { get; init; }

    public required DateTimeOffset End { get; init; }

    public bool NewThisRound { get; set; }
}
