using ProadSync.Abstractions.Models;
using ProadSync.Abstractions.Targets;
using ProadSync.Plugin.Graph.Targets;

namespace ProadSync.Plugin.Graph;

/// <summary>Creates Graph calendar and contact targets; one HTTP transport is shared by all accounts.</summary>
internal sealed class GraphTargetFactory(TimeProvider time, HttpMessageHandler? transport = null) : ICalendarTargetFactory, IContactTargetFactory
{
    public const string Id = "graph";

    private readonly HttpMessageHandler _transport = transport ?? new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = System.Net.DecompressionMethods.All,
    };

    public string PluginId => Id;

    ValueTask<ICalendarTarget> ICalendarTargetFactory.CreateAsync(TargetSettings settings, CancellationToken cancellationToken) =>
        ValueTask.FromResult<ICalendarTarget>(new GraphCalendarTarget(new GraphConnection(GraphAccount.FromSettings(settings), _transport, time)));

    ValueTask<IContactTarget> IContactTargetFactory.CreateAsync(TargetSettings settings, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IContactTarget>(new GraphContactTarget(new GraphConnection(GraphAccount.FromSettings(settings), _transport, time)));
}
