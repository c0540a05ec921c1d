using Microsoft.Extensions.DependencyInjection;
using ProadSync.Abstractions.Plugins;
using ProadSync.Abstractions.Targets;

namespace ProadSync.Plugin.Graph;

/// <summary>
/// The entry point of the <c>graph</c> plugin: Exchange Online calendars, To Do tasks and contacts through
/// Microsoft Graph, app-only (client credentials).
/// </summary>
public sealed class GraphPluginRegistrar : IPluginRegistrar
{
    /// <inheritdoc />
    public void Register(IServiceCollection services)
    {
        services.AddSingleton(sp => new GraphTargetFactory(sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton<ICalendarTargetFactory>(sp => sp.GetRequiredService<GraphTargetFactory>());
        services.AddSingleton<IContactTargetFactory>(sp => sp.GetRequiredService<GraphTargetFactory>());
    }
}
