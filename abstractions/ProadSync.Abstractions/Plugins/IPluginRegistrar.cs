using Microsoft.Extensions.DependencyInjection;

namespace ProadSync.Abstractions.Plugins;

/// <summary>
/// The entry point of a plugin: the host creates it with its public parameterless constructor and lets it add its
/// services — <see cref="Targets.ICalendarTargetFactory"/>, <see cref="Targets.IContactTargetFactory"/>,
/// <see cref="Mapping.IFieldMapper"/> — to a service collection of the plugin's own.
/// </summary>
/// <remarks>
/// Before it calls <see cref="Register"/> the host adds <c>ILoggerFactory</c>, <c>ILogger&lt;T&gt;</c> and
/// <see cref="TimeProvider"/> to the collection. A registrar that throws demotes its plugin to "malfunctioned"; it
/// never stops the host.
/// </remarks>
public interface IPluginRegistrar
{
    /// <summary>Adds the plugin's services.</summary>
    /// <param name="services">The plugin's service collection.</param>
    void Register(IServiceCollection services);
}
