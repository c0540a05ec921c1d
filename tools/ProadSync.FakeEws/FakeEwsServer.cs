using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProadSync.FakeEws.Protocol;

namespace ProadSync.FakeEws;

/// <summary>
/// A running fake EWS server on a loopback address: POST <c>/EWS/Exchange.asmx</c>, plus an admin endpoint
/// (<c>/fake-admin/…</c>) for out-of-process tests. Start it with <see cref="StartAsync"/>; dispose it to stop.
/// </summary>
public sealed class FakeEwsServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeEwsServer(WebApplication app, FakeEwsState state, Uri baseAddress)
    {
        _app = app;
        State = state;
        BaseAddress = baseAddress;
    }

    /// <summary>The server's state: users, mailboxes and fault injection.</summary>
    public FakeEwsState State { get; }

    /// <summary>The base address (<c>http://127.0.0.1:PORT/</c>).</summary>
    public Uri BaseAddress { get; }

    /// <summary>The EWS endpoint (<c>http://127.0.0.1:PORT/EWS/Exchange.asmx</c>).</summary>
    public Uri Endpoint => new(BaseAddress, "EWS/Exchange.asmx");

    /// <summary>Starts a server.</summary>
    /// <param name="options">Users, address and limits.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running server.</returns>
    /// <exception cref="ArgumentException">The address is not a loopback address.</exception>
    public static async Task<FakeEwsServer> StartAsync(FakeEwsOptions options, CancellationToken cancellationToken)
    {
        var app = Build(options, [], out var state);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new FakeEwsServer(app, state, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>Stops the server.</summary>
    /// <returns>A task that completes when the server stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    internal static WebApplication Build(FakeEwsOptions options, string[] args, out FakeEwsState state)
    {
        var uri = new Uri(options.Url.Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal));
        if (!IPAddress.TryParse(uri.Host, out var ip) || !IPAddress.IsLoopback(ip))
        {
            throw new ArgumentException($"The fake EWS server listens on loopback addresses only, not '{options.Url}'.", nameof(options));
        }

        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(options.Url);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = options.MaxRequestBytes);
        var app = builder.Build();
        var current = new FakeEwsState(options.TimeProvider);
        foreach (var (user, password) in options.Users)
        {
            current.AddUser(user, password);
        }

        foreach (var (address, user) in options.SmtpAddresses)
        {
            current.AddSmtpAddress(user, address);
        }

        foreach (var user in options.Impersonators)
        {
            current.GrantImpersonation(user);
        }

        var handler = new EwsHandler(current, options.MaxRequestBytes);
        app.MapPost("/EWS/Exchange.asmx", handler.HandleAsync);
        if (options.EnableAdminEndpoint)
        {
            MapAdmin(app, current);
        }

        state = current;
        return app;
    }

    private static void MapAdmin(WebApplication app, FakeEwsState state)
    {
        static int Int(HttpRequest request, string name, int fallback) =>
            int.TryParse(request.Query[name], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : fallback;

        app.MapPost("/fake-admin/server-busy", (HttpRequest request) =>
        {
            var shape = string.Equals(request.Query["shape"], "message", StringComparison.OrdinalIgnoreCase) ? ServerBusyShape.ResponseMessage : ServerBusyShape.Fault;
            state.InjectServerBusy(Int(request, "count", 1), Int(request, "backOffMs", 1000), shape);
            return Results.Ok();
        });
        app.MapPost("/fake-admin/auth-failures", (HttpRequest request) =>
        {
            state.InjectAuthFailures(Int(request, "count", 1));
            return Results.Ok();
        });
        app.MapPost("/fake-admin/invalidate-sync-states", () =>
        {
            state.InvalidateSyncStates();
            return Results.Ok();
        });
        app.MapGet("/fake-admin/stats", () => Results.Json(new Dictionary<string, int>
        {
            ["requests"] = state.RequestCount,
            ["meetingMessagesSent"] = state.MeetingMessagesSent,
        }));
    }
}
