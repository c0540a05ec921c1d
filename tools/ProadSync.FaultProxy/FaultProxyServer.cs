using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ProadSync.FaultProxy;

/// <summary>
/// A reverse proxy on 127.0.0.1 in front of one upstream server on 127.0.0.1 that injects faults by a seeded
/// <see cref="FaultSchedule"/> and counts them in <see cref="Counters"/>. Paths are forwarded unchanged, so a client
/// uses the upstream URL with the proxy's port.
/// </summary>
public sealed partial class FaultProxyServer : IAsyncDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "TE", "Trailer", "Upgrade", "Proxy-Authorization", "Proxy-Authenticate", "Proxy-Connection", "Host", "Content-Length",
    };

    private readonly FaultProxyOptions _options;
    private readonly HttpClient _upstream;
    private readonly WebApplication _app;

    private FaultProxyServer(FaultProxyOptions options, WebApplication app, HttpClient upstream)
    {
        _options = options;
        _app = app;
        _upstream = upstream;
        Schedule = new FaultSchedule(options);
    }

    /// <summary>The faults injected so far.</summary>
    public FaultCounters Counters { get; } = new();

    /// <summary>The schedule (switch <see cref="FaultSchedule.Enabled"/> off for a clean pass).</summary>
    public FaultSchedule Schedule { get; }

    /// <summary>The proxy's base URL (<c>http://127.0.0.1:PORT/</c>).</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Rewrites an upstream URL to the same path on the proxy.</summary>
    /// <param name="upstreamUrl">A URL on the upstream server.</param>
    /// <returns>The URL through the proxy.</returns>
    public Uri Through(Uri upstreamUrl)
    {
        ArgumentNullException.ThrowIfNull(upstreamUrl);
        return new UriBuilder(upstreamUrl) { Host = BaseUrl.Host, Port = BaseUrl.Port }.Uri;
    }

    /// <summary>Starts the proxy.</summary>
    /// <param name="options">Upstream, port, seed and faults.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running proxy.</returns>
    /// <exception cref="ArgumentException">The upstream is not a plain http URL on 127.0.0.1.</exception>
    public static async Task<FaultProxyServer> StartAsync(FaultProxyOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        RequireLoopback(options.Upstream);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, options.Port);
            k.Limits.MaxRequestBodySize = 64 * 1024 * 1024;
        });
        var app = builder.Build();
#pragma warning disable CA2000 // owned by the server, disposed in DisposeAsync
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, AutomaticDecompression = DecompressionMethods.None, UseProxy = false };
#pragma warning restore CA2000
        var client = new HttpClient(handler) { Timeout = options.UpstreamTimeout };
        var server = new FaultProxyServer(options, app, client);
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address.EndsWith('/') ? address : address + "/");
        return server;
    }

    /// <summary>Refuses any upstream but plain http on the literal 127.0.0.1.</summary>
    /// <param name="upstream">The upstream URL.</param>
    /// <exception cref="ArgumentException">It is another host or scheme.</exception>
    public static void RequireLoopback(Uri upstream)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        if (!upstream.IsAbsoluteUri || upstream.Scheme != Uri.UriSchemeHttp || upstream.Host != "127.0.0.1")
        {
            throw new ArgumentException($"The fault proxy forwards only to http://127.0.0.1:PORT/…, not to '{upstream}'.", nameof(upstream));
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _upstream.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        Counters.Request();
        var aborted = context.RequestAborted;
        var method = context.Request.Method;
        var body = await ReadAllAsync(context.Request.Body, aborted);
        var syncToken = method == "REPORT" ? SyncTokenOf(body) : null;
        var fault = Schedule.Next(method, syncToken is { Length: > 0 });
        _options.Trace?.Invoke($"{method} {context.Request.Path} fault={fault?.ToString() ?? "-"}");

        switch (fault)
        {
            case FaultKind.Delay:
                Counters.Fault(FaultKind.Delay);
                await Task.Delay(Schedule.NextDelay(), aborted);
                break;
            case FaultKind.DropBeforeForward:
                Counters.Fault(FaultKind.DropBeforeForward);
                context.Abort();
                return;
            case FaultKind.Status500:
            case FaultKind.Status502:
            case FaultKind.Status503:
            case FaultKind.Status507:
            case FaultKind.TooManyRequests:
            case FaultKind.PreconditionFailed:
                Counters.Fault(fault.Value);
                await AnswerAsync(context, fault.Value);
                return;
            case FaultKind.InvalidSyncToken:
                Counters.Fault(FaultKind.InvalidSyncToken);
                context.Response.StatusCode = 403;
                context.Response.ContentType = "application/xml; charset=utf-8";
                await context.Response.WriteAsync("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<D:error xmlns:D=\"DAV:\"><D:valid-sync-token/></D:error>\n", aborted);
                return;
            case FaultKind.StaleSyncToken:
                Counters.Fault(FaultKind.StaleSyncToken);
                body = Encoding.UTF8.GetBytes(SyncTokenPattern().Replace(Encoding.UTF8.GetString(body), "${open}" + StaleToken(syncToken!) + "${close}", 1));
                break;
        }

        using var request = new HttpRequestMessage(new HttpMethod(method), Target(context.Request));
        if (body.Length > 0 || context.Request.ContentLength is not null)
        {
            request.Content = new ByteArrayContent(body);
        }

        foreach (var (name, values) in context.Request.Headers)
        {
            if (HopByHop.Contains(name))
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(name, values.ToArray()))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }

        HttpResponseMessage response;
        try
        {
            Counters.Forward();
            response = await _upstream.SendAsync(request, HttpCompletionOption.ResponseContentRead, aborted);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            if (!aborted.IsCancellationRequested)
            {
                Counters.UpstreamError();
                context.Response.StatusCode = 502;
            }

            return;
        }

        using (response)
        {
            var content = await response.Content.ReadAsByteArrayAsync(aborted);
            if (fault == FaultKind.DropAfterForward)
            {
                Counters.Fault(FaultKind.DropAfterForward);
                context.Abort();
                return;
            }

            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var header in response.Headers.Concat(response.Content.Headers))
            {
                if (HopByHop.Contains(header.Key))
                {
                    continue;
                }

                context.Response.Headers[header.Key] = header.Key.Equals("Location", StringComparison.OrdinalIgnoreCase)
                    ? header.Value.Select(RewriteLocation).ToArray()
                    : header.Value.ToArray();
            }

            if (fault == FaultKind.TruncateBody && content.Length > 1)
            {
                Counters.Fault(FaultKind.TruncateBody);
                content = content[..(content.Length / 2)];
            }

            if (fault == FaultKind.ResetMidBody && content.Length > 1)
            {
                Counters.Fault(FaultKind.ResetMidBody);
                context.Response.ContentLength = content.Length;
                await context.Response.Body.WriteAsync(content.AsMemory(0, content.Length / 2), aborted);
                await context.Response.Body.FlushAsync(aborted);
                context.Abort();
                return;
            }

            if (fault is FaultKind.TruncateBody or FaultKind.ResetMidBody && content.Length <= 1)
            {
                // Nothing to cut: drop the answer instead, so the fault still happens.
                Counters.Fault(FaultKind.DropAfterForward);
                context.Abort();
                return;
            }

            context.Response.ContentLength = content.Length;
            if (content.Length > 0 && !HttpMethods.IsHead(method))
            {
                await context.Response.Body.WriteAsync(content, aborted);
            }
        }
    }

    private Uri Target(HttpRequest request)
    {
        var target = new Uri(_options.Upstream, request.Path.ToUriComponent() + request.QueryString.ToUriComponent());
        RequireLoopback(target);
        return target;
    }

    private string RewriteLocation(string location)
    {
        if (Uri.TryCreate(location, UriKind.Absolute, out var uri) && uri.Host == _options.Upstream.Host && uri.Port == _options.Upstream.Port)
        {
            return Through(uri).ToString();
        }

        return location;
    }

    private async Task AnswerAsync(HttpContext context, FaultKind fault)
    {
        context.Response.StatusCode = fault switch
        {
            FaultKind.Status500 => 500,
            FaultKind.Status502 => 502,
            FaultKind.Status503 => 503,
            FaultKind.Status507 => 507,
            FaultKind.TooManyRequests => 429,
            _ => 412,
        };
        if (fault is FaultKind.Status503 or FaultKind.TooManyRequests)
        {
            context.Response.Headers.RetryAfter = Math.Max(0, (int)Math.Ceiling(_options.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync($"fault injected: {fault}\n", context.RequestAborted);
    }

    private static string? SyncTokenOf(byte[] body)
    {
        if (body.Length == 0 || body.Length > 1024 * 1024)
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(body);
        if (!text.Contains("sync-collection", StringComparison.Ordinal))
        {
            return null;
        }

        var match = SyncTokenPattern().Match(text);
        return match.Success ? match.Groups["token"].Value.Trim() : null;
    }

    private static string StaleToken(string token)
    {
        // Keep the shape servers expect (an URL or data:,N) so the server itself must detect the staleness.
        if (token.StartsWith("data:,", StringComparison.Ordinal))
        {
            return "data:,1";
        }

        var slash = token.LastIndexOf('/');
        return slash >= 0 ? token[..(slash + 1)] + "stale-0000000000" : "stale-0000000000";
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    [GeneratedRegex(@"(?<open><(?:[A-Za-z0-9_-]+:)?sync-token(?:\s[^>]*)?>)(?<token>[^<]*)(?<close></(?:[A-Za-z0-9_-]+:)?sync-token>)", RegexOptions.CultureInvariant)]
    private static partial Regex SyncTokenPattern();
}
