namespace ProadSync.Abstractions.Targets;

/// <summary>Small key/value state a target keeps per account between runs; the host persists it.</summary>
public interface ITargetStateStore
{
    /// <summary>Reads a value.</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The value, or <see langword="null"/> when none was stored.</returns>
    ValueTask<string?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Stores a value, or removes it when <paramref name="value"/> is <see langword="null"/>.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the value is stored.</returns>
    ValueTask SetAsync(string key, string? value, CancellationToken cancellationToken);
}
