using Microsoft.Extensions.DependencyInjection;
using ProadSync.Abstractions.Targets;
using ProadSync.ConnectorTestKit;
using ProadSync.Plugin.CalDav;

namespace ProadSync.Integration.Tests;

/// <summary>Creates the plugin's targets the way the host does: through the registrar and the factories.</summary>
public static class Targets
{
    private static readonly ServiceProvider Provider = Build();

    /// <summary>A calendar target.</summary>
    /// <param name="settings">The account settings.</param>
    /// <returns>The target.</returns>
    public static async Task<ICalendarTarget> CalendarAsync(TargetSettings settings) =>
        await Provider.GetServices<ICalendarTargetFactory>().Single(f => f.PluginId == "caldav").CreateAsync(settings, CancellationToken.None);

    /// <summary>A contact target.</summary>
    /// <param name="settings">The account settings.</param>
    /// <returns>The target.</returns>
    public static async Task<IContactTarget> ContactsAsync(TargetSettings settings) =>
        await Provider.GetServices<IContactTargetFactory>().Single(f => f.PluginId == "carddav").CreateAsync(settings, CancellationToken.None);

    /// <summary>Settings for the test user on <paramref name="server"/>.</summary>
    /// <param name="server">The server.</param>
    /// <param name="state">The state store.</param>
    /// <param name="options">Options (collection URLs …).</param>
    /// <param name="password">Another password (for the wrong-password tests).</param>
    /// <returns>The settings.</returns>
    public static TargetSettings Settings(ServerInfo server, ITargetStateStore? state = null, IReadOnlyDictionary<string, string>? options = null, string? password = null) => new()
    {
        Url = server.BaseUrl.ToString(),
        UserName = DavServers.User,
        Password = password ?? DavServers.Password,
        Profile = "auto",
        State = state ?? new MemoryStateStore(),
        Options = options ?? new Dictionary<string, string>(),
    };

    private static ServiceProvider Build()
    {
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        new CalDavPluginRegistrar().Register(services);
        return services.BuildServiceProvider();
    }
}
