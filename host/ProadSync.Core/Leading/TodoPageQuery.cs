namespace ProadSync.Core.Leading;

/// <summary>Which page of to-dos to list (<see cref="ILeadingSystem.ListTodoPageAsync"/>): a filter, and offset and size.</summary>
public sealed record TodoPageQuery
{
    /// <summary>The largest page a store hands out.</summary>
    public const int MaximumLimit = 1000;

    /// <summary>The filter of <see cref="ILeadingSystem.ListTodosAsync"/>.</summary>
    public TodoQuery Filter { get; init; } = new();

    /// <summary>Only to-dos whose "sync active" (an active link) is this; <see langword="null"/> for both.</summary>
    public bool? SyncActive { get; init; }

    /// <summary>Only to-dos whose "externally deleted" mark is this; <see langword="null"/> for both.</summary>
    public bool? ExternallyDeleted { get; init; }

    /// <summary>How many matching to-dos (by id) to skip.</summary>
    public int Offset { get; init; }

    /// <summary>How many to-dos to return at most (1 to <see cref="MaximumLimit"/>).</summary>
    public int Limit { get; init; } = 50;
}
