using Microsoft.Extensions.DependencyInjection;
using ProadSync.Abstractions.Plugins;
#if (isMapper)
using ProadSync.Abstractions.Mapping;
#else
using ProadSync.Abstractions.Targets;
#endif

namespace Partner.Plugin;

/// <summary>
/// The plugin's entry point: the host creates it (public, parameterless constructor) and lets it register its services
/// in a service collection of the plugin's own. <c>ILoggerFactory</c>, <c>ILogger&lt;T&gt;</c> and
/// <see cref="TimeProvider"/> are already there.
/// </summary>
public sealed class PluginRegistrar : IPluginRegistrar
{
    /// <summary>The plugin id (as in plugin.json).</summary>
    public const string PluginId = "partner-plugin-id";

    /// <inheritdoc />
    public void Register(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
#if (isCalendar)
        services.AddSingleton<ICalendarTargetFactory, SampleCalendarTargetFactory>();
#elif (isContact)
        services.AddSingleton<IContactTargetFactory, SampleContactTargetFactory>();
#else
        services.AddSingleton<IFieldMapper, SampleFieldMapper>();
#endif
    }
}
