using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ProadSync.Reliability.Tests.Hostile;

/// <summary>One request the hostile server saw.</summary>
/// <param name="Method">The method.</param>
/// <param name="Path">The path.</param>
/// <param name="Body">The request body.</param>
internal sealed record HostileRequest(string Method, string Path, string Body);

/// <summary>
/// A small scripted HTTP server on 127.0.0.1 in front of a real Radicale: it forwards by default, and a test scripts
/// bad answers — its own answer to chosen requests (<see cref="Answer"/>), or a rewrite of the server's body
/// (<see cref="Rewrite"/>).
/// </summary>
internal sealed class HostileServer : IAsyncDisposable
{
    private static readonly HashSet<string> Skip = new(StringComparer.OrdinalIgnoreCase) { "Host", "Connection", "Transfer-Encoding", "Content-Length", "Keep-Alive", "Accept-Encoding" };
    private readonly WebApplication _app;
    private readonly HttpClient _upstream = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };
    private readonly Uri _target;

    private HostileServer(WebApplication app, Uri target)
    {
        _app = app;
        _target = target;
    }

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Answers a request itself when it returns true (after writing the answer).</summary>
    public Func<HostileRequest, HttpContext, Task<bool>>? Answer { get; set; }

    /// <summary>Rewrites the body of the server's answer.</summary>
    public Func<HostileRequest, string, string>? Rewrite { get; set; }

    public int Answered { get; private set; }

    public static async Task<HostileServer> StartAsync(Uri upstream)
    {
        ProadSync.FaultProxy.FaultProxyServer.RequireLoopback(upstream);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            k.Limits.MaxResponseBufferSize = null;
        });
        var app = builder.Build();
        var server = new HostileServer(app, upstream);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    /// <summary>The same URL on this server.</summary>
    public Uri Through(Uri url) => new UriBuilder(url) { Host = BaseUrl.Host, Port = BaseUrl.Port }.Uri;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _upstream.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var request = new HostileRequest(context.Request.Method, context.Request.Path.Value ?? "/", body);
        if (Answer is { } answer && await answer(request, context))
        {
            Answered++;
            return;
        }

        using var forward = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(_target, context.Request.Path.ToUriComponent() + context.Request.QueryString.ToUriComponent()));
        if (body.Length > 0)
        {
            forward.Content = new StringContent(body);
            forward.Content.Headers.Remove("Content-Type");
        }

        foreach (var (name, values) in context.Request.Headers)
        {
            if (!Skip.Contains(name) && !forward.Headers.TryAddWithoutValidation(name, values.ToArray()))
            {
                forward.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }

        using var response = await _upstream.SendAsync(forward, context.RequestAborted);
        var text = await response.Content.ReadAsStringAsync(context.RequestAborted);
        if (Rewrite is { } rewrite)
        {
            var rewritten = rewrite(request, text);
            if (!ReferenceEquals(rewritten, text) && rewritten != text)
            {
                Answered++;
                text = rewritten;
            }
        }

        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var header in response.Headers.Concat(response.Content.Headers))
        {
            if (!Skip.Contains(header.Key))
            {
                context.Response.Headers[header.Key] = header.Value.ToArray();
            }
        }

        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }
}
