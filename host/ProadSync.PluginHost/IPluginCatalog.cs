using ProadSync.Abstractions.Mapping;
using ProadSync.Abstractions.Targets;

namespace ProadSync.PluginHost;

/// <summary>The plugins the host found and the services of the active ones.</summary>
/// <remarks>
/// The catalog loads the plugins on first use, once, thread-safely. A plugin that fails is reported with its state
/// and reason and never stops the host. Disposing the catalog disposes the plugins' services.
/// </remarks>
public interface IPluginCatalog : IDisposable
{
    /// <summary>Every plugin folder found, in root order then folder-name order.</summary>
    IReadOnlyList<PluginDescriptor> Plugins { get; }

    /// <summary>Finds the calendar target factory an account names.</summary>
    /// <param name="pluginId">The id the factory reports (<see cref="ICalendarTargetFactory.PluginId"/>).</param>
    /// <returns>The factory of an active plugin, or <see langword="null"/>.</returns>
    ICalendarTargetFactory? FindCalendarTargetFactory(string pluginId);

    /// <summary>Finds the contact target factory an account names.</summary>
    /// <param name="pluginId">The id the factory reports (<see cref="IContactTargetFactory.PluginId"/>).</param>
    /// <returns>The factory of an active plugin, or <see langword="null"/>.</returns>
    IContactTargetFactory? FindContactTargetFactory(string pluginId);

    /// <summary>Finds a field mapper.</summary>
    /// <param name="mapperId">The mapper id (<see cref="IFieldMapper.Id"/>).</param>
    /// <returns>The mapper of an active plugin, or <see langword="null"/>.</returns>
    IFieldMapper? FindFieldMapper(string mapperId);

    /// <summary>
    /// The state of a plugin for a database: <see cref="PluginState.Unlicensed"/> when the plugin is active but the
    /// licence policy does not cover it for <paramref name="databaseName"/>, otherwise the plugin's own state.
    /// </summary>
    /// <param name="pluginId">A manifest id, or the id a plugin's calendar or contact target factory reports.</param>
    /// <param name="databaseName">The leading-system database, or <see langword="null"/>.</param>
    /// <returns>The state, or <see langword="null"/> when no plugin has that id.</returns>
    PluginState? StateFor(string pluginId, string? databaseName);
}
