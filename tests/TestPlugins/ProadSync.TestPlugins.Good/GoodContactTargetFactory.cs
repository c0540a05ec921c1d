using ProadSync.Abstractions.Targets;

namespace ProadSync.TestPlugins.Good;

/// <summary>Creates <see cref="GoodContactTarget"/>s.</summary>
public sealed class GoodContactTargetFactory : IContactTargetFactory
{
    /// <inheritdoc />
    public string PluginId => "test-good";

    /// <inheritdoc />
    public ValueTask<IContactTarget> CreateAsync(TargetSettings settings, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IContactTarget>(new GoodContactTarget());
}
