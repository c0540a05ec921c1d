using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ProadSync.PluginHost.Loading;

namespace ProadSync.PluginHost;

/// <summary>Creates plugin catalogs without a service container (tools, tests).</summary>
public static class PluginCatalogFactory
{
    /// <summary>Creates a catalog; the plugins load on first use.</summary>
    /// <param name="options">The plugin roots and disabled ids (copied; later changes have no effect).</param>
    /// <param name="loggerFactory">The host's logger factory, also handed to the plugins; none logs nothing.</param>
    /// <param name="timeProvider">The host's clock, handed to the plugins; none means the system clock.</param>
    /// <param name="licensePolicy">The licence policy; none means every plugin is licensed.</param>
    /// <returns>The catalog; dispose it to dispose the plugins' services.</returns>
    public static IPluginCatalog Create(
        PluginHostOptions options,
        ILoggerFactory? loggerFactory = null,
        TimeProvider? timeProvider = null,
        IPluginLicensePolicy? licensePolicy = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new PluginCatalog(
            options,
            loggerFactory ?? NullLoggerFactory.Instance,
            timeProvider ?? TimeProvider.System,
            licensePolicy ?? DefaultPluginLicensePolicy.Instance);
    }
}
