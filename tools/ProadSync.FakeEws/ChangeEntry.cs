namespace ProadSync.FakeEws;

/// <summary>One entry of a folder's change log.</summary>
/// <param name="Sequence">The mailbox-wide change number.</param>
/// <param name="ItemId">The item that changed.</param>
/// <param name="Kind">What happened.</param>
internal sealed record ChangeEntry(long Sequence, string ItemId, ChangeKind Kind);
