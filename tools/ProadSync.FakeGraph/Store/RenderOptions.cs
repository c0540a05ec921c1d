namespace ProadSync.FakeGraph.Store;

/// <summary>How an item is written into a response.</summary>
/// <param name="Immutable">Whether the client asked for immutable ids.</param>
/// <param name="ExtendedPropertyFilter">The extended property ids asked for with <c>$expand</c>, or <see langword="null"/> for all.</param>
/// <param name="ExpandExtendedProperties">Whether extended properties were expanded.</param>
/// <param name="ExpandLinkedResources">Whether linked resources were expanded.</param>
internal sealed record RenderOptions(bool Immutable, IReadOnlyList<string>? ExtendedPropertyFilter, bool ExpandExtendedProperties, bool ExpandLinkedResources);
