using Microsoft.Extensions.DependencyInjection;
using ProadSync.Abstractions.Mapping;
using ProadSync.Abstractions.Plugins;
using ProadSync.Abstractions.Targets;

namespace ProadSync.TestPlugins.Good;

/// <summary>Registers one service of each kind.</summary>
public sealed class GoodRegistrar : IPluginRegistrar
{
    /// <inheritdoc />
    public void Register(IServiceCollection services)
    {
        services.AddSingleton<ICalendarTargetFactory, GoodCalendarTargetFactory>();
        services.AddSingleton<IContactTargetFactory, GoodContactTargetFactory>();
        services.AddSingleton<IFieldMapper, GoodFieldMapper>();
    }
}
