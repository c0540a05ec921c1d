namespace ProadSync.FakeGraph.Store;

/// <summary>A deleted item, kept so delta rounds can report <c>@removed</c>.</summary>
internal sealed record Tombstone(string ImmutableId, string RestId, long Seq);
