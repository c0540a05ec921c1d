using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ProadSync.Abstractions.Plugins;
using ProadSync.Abstractions.Targets;

namespace ProadSync.Plugin.Vdir;

/// <summary>The entry point of the <c>vdir</c> plugin: registers its calendar target factory.</summary>
public sealed class VdirPluginRegistrar : IPluginRegistrar
{
    /// <summary>The plugin id accounts name.</summary>
    public const string PluginId = "vdir";

    /// <inheritdoc />
    public void Register(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ICalendarTargetFactory, VdirTargetFactory>();
    }
}
