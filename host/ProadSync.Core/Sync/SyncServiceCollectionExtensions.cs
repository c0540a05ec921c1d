using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ProadSync.Abstractions.Mapping;
using ProadSync.Core.Mapping;
using ProadSync.Core.Text;
using ProadSync.Core.Text.Templates;

namespace ProadSync.Core.Sync;

/// <summary>Registers the sync engine with a service collection.</summary>
public static class SyncServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="SyncEngine"/> (singleton), its options, <see cref="TimeProvider.System"/> and
    /// the built-in description template (<see cref="TemplateDescriptionConverter.BuiltIn"/>) unless already registered, and the <see cref="DefaultFieldMapper"/> as an
    /// <see cref="IFieldMapper"/>.
    /// </summary>
    /// <param name="services">The collection.</param>
    /// <param name="options">The engine's settings; the defaults when <see langword="null"/>.</param>
    /// <returns>The collection.</returns>
    public static IServiceCollection AddSyncEngine(this IServiceCollection services, SyncEngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(options ?? new SyncEngineOptions());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IDescriptionConverter>(TemplateDescriptionConverter.BuiltIn);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IFieldMapper, DefaultFieldMapper>());
        services.TryAddSingleton(sp => new SyncEngine(
            sp.GetRequiredService<SyncEngineOptions>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<SyncEngine>>() ?? NullLogger<SyncEngine>.Instance,
            sp.GetService<IDescriptionConverter>()));
        return services;
    }
}
