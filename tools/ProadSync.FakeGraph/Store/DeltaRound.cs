using System.Text.Json.Nodes;

namespace ProadSync.FakeGraph.Store;

/// <summary>
/// A delta position. With <see cref="Pending"/> set it is a page position (<c>$skiptoken</c>): the rest of a round
/// computed when the round started, and <see cref="Seq"/> the position the round's delta link will carry; without
/// it, a <c>$deltatoken</c>: report the changes after <see cref="Seq"/>.
/// </summary>
internal sealed record DeltaRound(
    Mailbox Mailbox,
    ItemStore Store,
    string BasePath,
    DateTimeOffset? WindowStart,
    DateTimeOffset? WindowEnd,
    long Seq,
    Queue<JsonObject>? Pending);
