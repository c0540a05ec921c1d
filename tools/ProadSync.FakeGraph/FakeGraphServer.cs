using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ProadSync.FakeGraph;

/// <summary>
/// A stateful stand-in for Microsoft Graph (v1.0 events, calendar view delta, To Do, contacts) and the Entra ID
/// token endpoint (client-credentials grant), served by Kestrel on the loopback interface. Runs as its own process
/// (<c>dotnet ProadSync.FakeGraph.dll --urls http://127.0.0.1:5080</c>) or in-process for tests via
/// <see cref="StartAsync"/>.
/// </summary>
public sealed class FakeGraphServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeGraphServer(WebApplication app, FakeGraphState state, Uri baseAddress)
    {
        _app = app;
        State = state;
        BaseAddress = baseAddress;
    }

    /// <summary>The server's root, for example <c>http://127.0.0.1:41234/</c>; the token authority.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The Graph base URL, <c>{BaseAddress}v1.0</c>.</summary>
    public Uri GraphUrl => new(BaseAddress, "v1.0");

    /// <summary>The mailboxes, tokens, faults and request log.</summary>
    public FakeGraphState State { get; }

    /// <summary>Starts a server on 127.0.0.1 with a free port.</summary>
    /// <param name="options">The set-up, or <see langword="null"/> for the defaults.</param>
    /// <param name="timeProvider">The clock, or <see langword="null"/> for the system clock.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running server; dispose it to stop.</returns>
    public static async Task<FakeGraphServer> StartAsync(FakeGraphOptions? options = null, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        var state = new FakeGraphState(options ?? new FakeGraphOptions(), timeProvider ?? TimeProvider.System);
        var app = Build([], state);
        app.Urls.Clear();
        app.Urls.Add("http://127.0.0.1:0");
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new FakeGraphServer(app, state, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>Builds the web application (used by the process entry point and by <see cref="StartAsync"/>).</summary>
    /// <param name="args">Command-line arguments (<c>--urls</c>, …).</param>
    /// <param name="state">The state to serve.</param>
    /// <returns>The application, not started.</returns>
    public static WebApplication Build(string[] args, FakeGraphState state)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        GraphApi.Map(app, state);
        return app;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
