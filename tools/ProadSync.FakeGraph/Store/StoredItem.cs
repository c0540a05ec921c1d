using System.Text.Json.Nodes;

namespace ProadSync.FakeGraph.Store;

/// <summary>One event, task or contact as the fake keeps it.</summary>
internal sealed class StoredItem
{
    public required string ImmutableId { get; init; }

    public required string RestId { get; init; }

    public required JsonObject Data { get; set; }

    public long Seq { get; set; }

    public string ChangeKey { get; set; } = string.Empty;

    public string? TransactionId { get; init; }

    public bool HasChangeKey { get; init; }

    /// <summary>For events: the start as an instant (window checks).</summary>
    public DateTimeOffset? StartUtc { get; set; }

    /// <summary>For events: the end as an instant (window checks).</summary>
    public DateTimeOffset? EndUtc { get; set; }

    public string ETag => $"W/\"{ChangeKey}\"";

    public bool HasId(string id) =>
        string.Equals(id, ImmutableId, StringComparison.Ordinal) || string.Equals(id, RestId, StringComparison.Ordinal);
}
