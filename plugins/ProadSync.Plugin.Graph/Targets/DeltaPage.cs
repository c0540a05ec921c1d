using Microsoft.Graph.Models;

namespace ProadSync.Plugin.Graph.Targets;

/// <summary>One page of a delta round.</summary>
internal sealed record DeltaPage(IReadOnlyList<Entity> Items, string? NextLink, string? DeltaLink);
