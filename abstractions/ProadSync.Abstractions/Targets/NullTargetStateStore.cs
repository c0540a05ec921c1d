namespace ProadSync.Abstractions.Targets;

/// <summary>A state store that remembers nothing (for tools and tests).</summary>
public sealed class NullTargetStateStore : ITargetStateStore
{
    private NullTargetStateStore()
    {
    }

    /// <summary>The single instance.</summary>
    public static NullTargetStateStore Instance { get; } = new();

    /// <inheritdoc />
    public ValueTask<string?> GetAsync(string key, CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);

    /// <inheritdoc />
    public ValueTask SetAsync(string key, string? value, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
