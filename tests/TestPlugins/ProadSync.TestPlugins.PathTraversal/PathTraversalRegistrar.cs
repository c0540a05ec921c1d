using Microsoft.Extensions.DependencyInjection;
using ProadSync.Abstractions.Mapping;
using ProadSync.Abstractions.Plugins;

namespace ProadSync.TestPlugins.PathTraversal;

/// <summary>The plugin's entry point.</summary>
public sealed class PathTraversalRegistrar : IPluginRegistrar
{
    /// <inheritdoc />
    public void Register(IServiceCollection services)
    {
        services.AddSingleton<IFieldMapper, PathTraversalMapper>();
    }
}
