namespace ProadSync.Core.Leading;

/// <summary>One page of to-dos and how many match the filter in all.</summary>
/// <param name="Todos">The to-dos of the page, by id.</param>
/// <param name="TotalCount">The number of to-dos that match the filter, on every page together.</param>
public sealed record TodoPage(IReadOnlyList<Todo> Todos, int TotalCount);
