using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ProadSync.Benchmark.Proxy;

/// <summary>
/// A tiny reverse proxy on 127.0.0.1 in front of one DAV server that counts every request (per method) and the body
/// bytes each way. <c>GET /__bench/stats</c> answers the counts as JSON; that request itself is not forwarded or counted.
/// </summary>
internal sealed class CountingProxy : IAsyncDisposable
{
    /// <summary>The path of the statistics endpoint.</summary>
    public const string StatsPath = "/__bench/stats";

    private static readonly HashSet<string> HopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "TE", "Trailer", "Host",
    };

    private readonly ConcurrentDictionary<string, long> _byMethod = new(StringComparer.Ordinal);
    private readonly Uri _upstream;
    private readonly HttpClient _http;
    private readonly HttpClient _unpooled;
    private WebApplication? _app;
    private readonly StreamWriter? _trace;
    private long _requests;
    private long _bytesSent;
    private long _bytesReceived;
    private long _serverTicks;
    private volatile bool _upstreamCloses;

    private CountingProxy(Uri upstream)
    {
        _upstream = upstream;
        _http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxConnectionsPerServer = 64,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        })
        { Timeout = TimeSpan.FromMinutes(10) };
        _unpooled = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.Zero,
        })
        { Timeout = TimeSpan.FromMinutes(10) };

        // For finding out where requests come from and when: one line per request (its end on a millisecond clock, its
        // duration in ms, method, path, status, Depth, body start).
        if (Environment.GetEnvironmentVariable(TraceVariable) is { Length: > 0 } trace)
        {
            _trace = new StreamWriter(trace, append: true) { AutoFlush = true };
        }
    }

    /// <summary>The environment variable naming a file the proxy appends one line per request to.</summary>
    public const string TraceVariable = "PROADSYNC_BENCH_TRACE";

    /// <summary>The proxy's base URL (<c>http://127.0.0.1:PORT/</c>).</summary>
    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Starts a proxy for the server at <paramref name="upstream"/> (only its scheme, host and port matter).</summary>
    /// <param name="upstream">Any URL of the server.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running proxy.</returns>
    public static async Task<CountingProxy> StartAsync(Uri upstream, CancellationToken cancellationToken)
    {
        if (!upstream.IsLoopback)
        {
            throw new ArgumentException("The benchmark only talks to servers on loopback.", nameof(upstream));
        }

        var proxy = new CountingProxy(new Uri(upstream.GetLeftPart(UriPartial.Authority) + "/"));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = null;
            k.Limits.MinRequestBodyDataRate = null;
            k.Limits.MinResponseDataRate = null;
            k.Listen(IPAddress.Loopback, 0);
        });
        var app = builder.Build();
        app.Run(proxy.HandleAsync);
        await app.StartAsync(cancellationToken);
        proxy._app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        proxy.BaseUrl = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        return proxy;
    }

    /// <summary>The counts so far.</summary>
    /// <returns>A snapshot.</returns>
    public ProxyStats Snapshot() => new(
        Interlocked.Read(ref _requests),
        Interlocked.Read(ref _bytesSent),
        Interlocked.Read(ref _bytesReceived),
        new SortedDictionary<string, long>(_byMethod, StringComparer.Ordinal),
        TimeSpan.FromTicks(Interlocked.Read(ref _serverTicks)).TotalSeconds);

    /// <summary>The same URL, but through the proxy.</summary>
    /// <param name="url">A URL of the upstream server.</param>
    /// <returns>The proxied URL.</returns>
    public Uri Through(Uri url) => new(BaseUrl, url.PathAndQuery);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _http.Dispose();
        _unpooled.Dispose();
        if (_trace is not null)
        {
            await _trace.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Path.Value == StatsPath)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(JsonSerializer.Serialize(Snapshot()), context.RequestAborted);
            return;
        }

        Interlocked.Increment(ref _requests);
        _byMethod.AddOrUpdate(request.Method, 1, (_, n) => n + 1);
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, context.RequestAborted);
        Interlocked.Add(ref _bytesSent, body.Length);
        var bytesOut = body.ToArray();

        HttpRequestMessage Build()
        {
            var upstream = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(_upstream, request.Path.Value + request.QueryString.Value))
            {
                Version = HttpVersion.Version11,
                VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
            };
            if (bytesOut.Length > 0 || request.ContentLength is not null || request.Headers.ContainsKey("Content-Type"))
            {
                upstream.Content = new ByteArrayContent(bytesOut);
            }

            foreach (var header in request.Headers)
            {
                if (HopHeaders.Contains(header.Key))
                {
                    continue;
                }

                if (!upstream.Headers.TryAddWithoutValidation(header.Key, (IEnumerable<string?>)header.Value))
                {
                    upstream.Content?.Headers.TryAddWithoutValidation(header.Key, (IEnumerable<string?>)header.Value);
                }
            }

            return upstream;
        }

        var sent = System.Diagnostics.Stopwatch.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            // An HTTP/1.0 server (Radicale's WSGI server) closes every connection, and a pooled socket handed out again
            // fails the request ("response ended"): once the server answered HTTP/1.0, each request gets a connection of
            // its own, and a request that died that way before any answer is sent once more on a new connection.
            using var first = Build();
            try
            {
                response = await (_upstreamCloses ? _unpooled : _http).SendAsync(first, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
            }
            catch (HttpRequestException ex) when (ex.HttpRequestError == HttpRequestError.ResponseEnded)
            {
                _upstreamCloses = true;
                using var again = Build();
                response = await _unpooled.SendAsync(again, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
            }
        }
        catch (HttpRequestException ex)
        {
            // The proxy's own failure (not the server's answer): 502, and the reason in the trace.
            if (_trace is not null)
            {
                lock (_trace)
                {
                    _trace.WriteLine($"{request.Method} {request.Path} PROXY-ERROR {ex.HttpRequestError}: {ex.Message}");
                }
            }

            context.Response.StatusCode = (int)HttpStatusCode.BadGateway;
            return;
        }

        using var _ = response;
        _upstreamCloses |= response.Version < HttpVersion.Version11;
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var header in response.Headers.Concat(response.Content.Headers))
        {
            if (!HopHeaders.Contains(header.Key))
            {
                context.Response.Headers.Append(header.Key, header.Value.ToArray());
            }
        }

        var bytes = await response.Content.ReadAsByteArrayAsync(context.RequestAborted);
        Interlocked.Add(ref _serverTicks, System.Diagnostics.Stopwatch.GetElapsedTime(sent).Ticks);
        if (_trace is not null)
        {
            var start = System.Text.Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)Math.Min(body.Length, 160)).ReplaceLineEndings(" ");
            lock (_trace)
            {
                _trace.WriteLine($"{System.Diagnostics.Stopwatch.GetTimestamp() * 1000.0 / System.Diagnostics.Stopwatch.Frequency:0.0} {System.Diagnostics.Stopwatch.GetElapsedTime(sent).TotalMilliseconds:0.0} {request.Method} {request.Path} {(int)response.StatusCode} depth={request.Headers["Depth"]} {start}");
            }
        }

        Interlocked.Add(ref _bytesReceived, bytes.Length);
        if (bytes.Length > 0 && !HttpMethods.IsHead(request.Method) && response.StatusCode != HttpStatusCode.NoContent
            && response.StatusCode != HttpStatusCode.NotModified)
        {
            await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
        }
    }
}
