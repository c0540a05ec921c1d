using System.Collections.Concurrent;
using ProadSync.Abstractions.Targets;

namespace ProadSync.ConnectorTestKit;

/// <summary>A state store in memory (what the host persists per account).</summary>
public sealed class MemoryStateStore : ITargetStateStore
{
    /// <summary>The values.</summary>
    public ConcurrentDictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public ValueTask<string?> GetAsync(string key, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Values.TryGetValue(key, out var v) ? v : null);

    /// <inheritdoc />
    public ValueTask SetAsync(string key, string? value, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            Values.TryRemove(key, out _);
        }
        else
        {
            Values[key] = value;
        }

        return ValueTask.CompletedTask;
    }
}
