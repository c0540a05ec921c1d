using ProadSync.Plugin.Graph.Auth;
using ProadSync.Abstractions.Targets;
using ProadSync.Plugin.Graph.Targets;

namespace ProadSync.Plugin.Graph;

/// <summary>Creates Graph calendar and contact targets; one HTTP transport is shared by all accounts.</summary>
internal sealed class GraphTargetFactory : ICalendarTargetFactory, IContactTargetFactory, IDisposable
{
    public const string Id = "graph";

    private readonly HttpMessageHandler _transport;
    private readonly TokenSourceCache _tokens;

    public GraphTargetFactory(TimeProvider time, HttpMessageHandler? transport = null)
    {
        _transport = transport ?? new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = System.Net.DecompressionMethods.All,
        };
        _tokens = new TokenSourceCache(_transport, time);
    }

    public string PluginId => Id;

    ValueTask<ICalendarTarget> ICalendarTargetFactory.CreateAsync(TargetSettings settings, CancellationToken cancellationToken) =>
        ValueTask.FromResult<ICalendarTarget>(new GraphCalendarTarget(Connect(settings)));

    ValueTask<IContactTarget> IContactTargetFactory.CreateAsync(TargetSettings settings, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IContactTarget>(new GraphContactTarget(Connect(settings)));

    public void Dispose()
    {
        _tokens.Dispose();
        _transport.Dispose();
    }

    private GraphConnection Connect(TargetSettings settings)
    {
        var account = GraphAccount.FromSettings(settings);
        return new GraphConnection(account, _transport, _tokens.For(account));
    }
}
