using System.Text.Json.Nodes;

namespace ProadSync.FakeGraph.Store;

/// <summary>A To Do list and its tasks.</summary>
internal sealed record TaskList(string Id, JsonObject Info, ItemStore Tasks);
