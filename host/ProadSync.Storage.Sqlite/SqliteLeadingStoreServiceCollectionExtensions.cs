using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using ProadSync.Core.Leading;

namespace ProadSync.Storage.Sqlite;

/// <summary>Registers the embedded SQLite leading store.</summary>
public static class SqliteLeadingStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ILeadingCatalog"/> as the SQLite catalog in <paramref name="homeDirectory"/>, and
    /// <see cref="TimeProvider.System"/> unless a <see cref="TimeProvider"/> is registered.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="homeDirectory">The home folder holding <c>catalog.db</c> and <c>databases/</c>.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddSqliteLeadingStore(this IServiceCollection services, string homeDirectory)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(homeDirectory);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ILeadingCatalog>(sp => SqliteLeadingCatalog.Open(
            homeDirectory,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>()));
        return services;
    }
}
