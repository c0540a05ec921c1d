using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ProadSync.PluginHost.Loading;

namespace ProadSync.PluginHost;

/// <summary>Registers the plugin catalog in a service collection.</summary>
public static class PluginHostServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IPluginCatalog"/> as a singleton. It uses the container's <see cref="ILoggerFactory"/>,
    /// <see cref="TimeProvider"/> and <see cref="IPluginLicensePolicy"/> when registered (otherwise no logging, the
    /// system clock and "everything licensed").
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configure">Sets the plugin roots and disabled ids.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddProadSyncPlugins(this IServiceCollection services, Action<PluginHostOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new PluginHostOptions();
        configure(options);
        services.TryAddSingleton(options);
        services.TryAddSingleton<IPluginCatalog>(sp => new PluginCatalog(
            sp.GetRequiredService<PluginHostOptions>(),
            sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance,
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetService<IPluginLicensePolicy>() ?? DefaultPluginLicensePolicy.Instance));
        return services;
    }
}
