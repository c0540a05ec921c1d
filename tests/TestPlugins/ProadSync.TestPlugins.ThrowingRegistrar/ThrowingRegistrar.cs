using Microsoft.Extensions.DependencyInjection;
using ProadSync.Abstractions.Mapping;
using ProadSync.Abstractions.Plugins;

namespace ProadSync.TestPlugins.ThrowingRegistrar;

/// <summary>The plugin's entry point.</summary>
public sealed class ThrowingRegistrar : IPluginRegistrar
{
    /// <inheritdoc />
    public void Register(IServiceCollection services)
    {
        services.AddSingleton<IFieldMapper>(_ => throw new InvalidOperationException("never reached"));
        throw new InvalidOperationException("The test registrar fails on purpose.");
    }
}
