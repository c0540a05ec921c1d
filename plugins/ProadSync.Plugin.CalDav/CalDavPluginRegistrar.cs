using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ProadSync.Abstractions.Plugins;
using ProadSync.Abstractions.Targets;
using ProadSync.Plugin.CalDav.Targets;

namespace ProadSync.Plugin.CalDav;

/// <summary>
/// The entry point of the <c>caldav</c> plugin: registers the CalDAV calendar target factory (plugin id
/// <c>caldav</c>) and the CardDAV contact target factory (plugin id <c>carddav</c>).
/// </summary>
public sealed class CalDavPluginRegistrar : IPluginRegistrar
{
    /// <summary>The calendar plugin id accounts name.</summary>
    public const string CalendarPluginId = "caldav";

    /// <summary>The contact plugin id accounts name.</summary>
    public const string ContactPluginId = "carddav";

    /// <inheritdoc />
    public void Register(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton<ICalendarTargetFactory, CalDavCalendarTargetFactory>();
        services.AddSingleton<IContactTargetFactory, CardDavContactTargetFactory>();
    }
}
