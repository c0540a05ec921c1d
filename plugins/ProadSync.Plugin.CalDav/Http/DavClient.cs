using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ProadSync.Abstractions.Errors;
using ProadSync.Plugins.Http;

namespace ProadSync.Plugin.CalDav.Http;

/// <summary>
/// The WebDAV core shared by the CalDAV and CardDAV targets: HTTP/1.1 keep-alive, a User-Agent, Basic or Digest
/// (computed here, nonce cached, nc counted), size-capped bodies, per-request timeouts, no automatic redirects, and a
/// bound on parallel writes. Transport failures become <see cref="TransientTargetException"/>.
/// </summary>
internal sealed class DavClient : IDisposable
{
    private static readonly HashSet<string> WriteMethods = new(StringComparer.OrdinalIgnoreCase)
    {
        "PUT", "DELETE", "MKCOL", "MKCALENDAR", "PROPPATCH", "MOVE", "COPY",
    };

    private readonly HttpClient _http;
    private readonly Lazy<HttpClient>? _unpooled;
    private readonly bool _disposeHttp;
    private readonly DavClientOptions _options;
    private readonly DigestAuthenticator? _digest;
    private readonly SemaphoreSlim _writes;
    private volatile DavAuthScheme _scheme;
    private volatile bool _closeConnections = true; // until the first answer shows HTTP/1.1 keep-alive
    private volatile bool _sawHttp10;

    /// <summary>Creates a client on a handler of its own.</summary>
    /// <param name="options">The options.</param>
    public DavClient(DavClientOptions options)
        : this(CreateHttpClient(pooled: true), options, disposeHttp: true)
    {
    }

    /// <summary>Creates a client on a given <see cref="HttpClient"/> (tests pass one with a fake handler).</summary>
    /// <param name="http">The HTTP client; its timeout is not used (the options' timeout applies per request).</param>
    /// <param name="options">The options.</param>
    /// <param name="disposeHttp">Whether <see cref="Dispose"/> disposes <paramref name="http"/>.</param>
    public DavClient(HttpClient http, DavClientOptions options, bool disposeHttp)
    {
        _http = http;
        _disposeHttp = disposeHttp;
        _options = options;
        _scheme = options.KnownScheme;
        if (options.UserName is { Length: > 0 } user)
        {
            _digest = new DigestAuthenticator(user, options.Password ?? string.Empty);
        }

        _writes = new SemaphoreSlim(Math.Max(1, options.MaxParallelWrites));
        if (disposeHttp)
        {
            _unpooled = new Lazy<HttpClient>(() => CreateHttpClient(pooled: false), LazyThreadSafetyMode.ExecutionAndPublication);
        }
    }

    /// <summary>The scheme the server asked for (known after the first challenge).</summary>
    public DavAuthScheme Scheme => _scheme;

    /// <summary>Whether the server refused the credentials at least once (a 401 after sending them).</summary>
    public bool CredentialsRefused { get; private set; }

    /// <summary>The options.</summary>
    public DavClientOptions Options => _options;

    /// <summary>
    /// Starts with the scheme an earlier run learned (the cached probe), so the first request of a run is not answered
    /// 401 first: Basic credentials go with the first request, and a server without authentication gets none. Digest
    /// needs a fresh nonce and is learned as before; a scheme already learned is kept.
    /// </summary>
    /// <param name="scheme">The remembered scheme.</param>
    public void AssumeScheme(DavAuthScheme scheme)
    {
        if (_scheme == DavAuthScheme.Unknown && scheme is DavAuthScheme.Basic or DavAuthScheme.None)
        {
            _scheme = scheme;
        }
    }

    /// <summary>Sends one request and reads the answer (no redirects followed).</summary>
    /// <param name="method">The method (PROPFIND, REPORT, PUT, …).</param>
    /// <param name="uri">The absolute URL.</param>
    /// <param name="body">The body, or <see langword="null"/>.</param>
    /// <param name="contentType">The body's content type.</param>
    /// <param name="headers">Further headers (Depth, If-Match, If-None-Match).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer; 401 is returned, not thrown (the caller knows what it means there).</returns>
    /// <exception cref="TransientTargetException">The server could not be reached or timed out.</exception>
    /// <exception cref="DavProtocolException">The answer is larger than the cap.</exception>
    public async Task<DavResponse> SendAsync(
        string method,
        Uri uri,
        string? body,
        string? contentType,
        IReadOnlyDictionary<string, string>? headers,
        CancellationToken cancellationToken)
    {
        var isWrite = WriteMethods.Contains(method);
        if (isWrite)
        {
            await _writes.WaitAsync(cancellationToken);
        }

        try
        {
            if (_scheme == DavAuthScheme.Unknown && _digest is not null && body is not null)
            {
                // Learn the scheme with a body-less request first: some servers (Radicale's WSGI server) answer 401 and
                // close the socket before reading a body, and the client then sees a reset instead of the challenge.
                await LearnSchemeAsync(uri, cancellationToken);
            }

            var schemeBefore = _scheme;
            var response = await SendOnceAsync(method, uri, body, contentType, headers, cancellationToken);
            if (response.StatusCode != 401 || _digest is null)
            {
                return response;
            }

            // Challenged: learn the scheme (or a fresh Digest nonce) and try exactly once more. Basic credentials that
            // were already sent and refused are not sent again.
            if (!Learn(response) || (schemeBefore == DavAuthScheme.Basic && _scheme == DavAuthScheme.Basic))
            {
                CredentialsRefused = true;
                return response;
            }

            var retry = await SendOnceAsync(method, uri, body, contentType, headers, cancellationToken);
            if (retry.StatusCode == 401)
            {
                CredentialsRefused = true;
            }

            return retry;
        }
        finally
        {
            if (isWrite)
            {
                _writes.Release();
            }
        }
    }

    private async Task LearnSchemeAsync(Uri uri, CancellationToken cancellationToken)
    {
        foreach (var target in new[] { uri, new Uri(uri, "/") })
        {
            var probe = await SendOnceAsync("PROPFIND", target, null, null, new Dictionary<string, string> { ["Depth"] = "0" }, cancellationToken);
            if (probe.StatusCode == 401)
            {
                Learn(probe);
                return;
            }

            if (_scheme != DavAuthScheme.Unknown)
            {
                return;
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _writes.Dispose();
        if (_disposeHttp)
        {
            _http.Dispose();
            if (_unpooled is { IsValueCreated: true })
            {
                _unpooled.Value.Dispose();
            }
        }
    }

    /// <summary>The handler every target uses: HTTP/1.1 keep-alive, no cookies, no redirects, no built-in auth.</summary>
    /// <param name="pooled">Whether connections are kept for reuse (not for HTTP/1.0 servers, see <see cref="SendOnceAsync"/>).</param>
    /// <returns>The client.</returns>
    internal static HttpClient CreateHttpClient(bool pooled)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            PreAuthenticate = false,
            // Bodies are decompressed by ContentCoding after reading, so a body marked as gzip that is not gzip is told
            // apart from a broken connection and named in one sentence.
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = pooled ? TimeSpan.FromMinutes(5) : TimeSpan.Zero,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            ConnectTimeout = TimeSpan.FromSeconds(15),
            MaxConnectionsPerServer = 16,
        };
        return new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Reads the challenges of a 401: prefers Digest, else Basic.</summary>
    private bool Learn(DavResponse response)
    {
        var challenges = response.Header("WWW-Authenticate");
        if (string.IsNullOrEmpty(challenges) || _digest is null)
        {
            return false;
        }

        var digestAt = challenges.IndexOf("Digest ", StringComparison.OrdinalIgnoreCase);
        if (digestAt >= 0)
        {
            // Up to the next scheme name (", Basic realm=") if several challenges were merged into one header.
            var rest = challenges[(digestAt + 7)..];
            var basicAt = rest.IndexOf("Basic ", StringComparison.OrdinalIgnoreCase);
            if (basicAt >= 0)
            {
                rest = rest[..basicAt];
            }

            if (DigestChallenge.Parse(rest) is { } challenge)
            {
                _digest.Accept(challenge);
                _scheme = DavAuthScheme.Digest;
                return true;
            }
        }

        if (challenges.Contains("Basic", StringComparison.OrdinalIgnoreCase))
        {
            _scheme = DavAuthScheme.Basic;
            return true;
        }

        return false;
    }

    private async Task<DavResponse> SendOnceAsync(
        string method,
        Uri uri,
        string? body,
        string? contentType,
        IReadOnlyDictionary<string, string>? headers,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), uri)
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
        request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", ContentCoding.Accepted);
        if (_closeConnections)
        {
            request.Headers.ConnectionClose = true;
        }

        if (headers is not null)
        {
            foreach (var (name, value) in headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, new UTF8Encoding(false));
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType ?? "application/xml; charset=utf-8");
        }

        AddAuthorization(request, method, uri);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            // HTTP/1.0 servers (Radicale's WSGI server) close every connection, yet the pool sometimes hands such a socket
            // out again and the request dies with "response ended prematurely" (measured: ~1 in 3 requests). Once a
            // server answered HTTP/1.0, requests go through a client that never pools.
            var http = _closeConnections && _sawHttp10 && _unpooled is not null ? _unpooled.Value : _http;
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            // HTTP/1.0 servers (Radicale's WSGI server) close every connection; the pool would sometimes hand out such a
            // socket again, so they get "Connection: close" on every request. HTTP/1.1 servers keep the connection.
            _closeConnections = response.Version < HttpVersion.Version11;
            _sawHttp10 |= _closeConnections;

            var (text, readAsWindows1252) = await ReadCappedAsync(response, method, uri, timeout.Token);
            var all = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var h in response.Headers.Concat(response.Content.Headers))
            {
                var joined = string.Join(", ", h.Value);
                all[h.Key] = all.TryGetValue(h.Key, out var existing) ? existing + ", " + joined : joined;
            }

            if (_scheme == DavAuthScheme.Unknown && (int)response.StatusCode is >= 200 and < 300 &&
                method is not ("OPTIONS" or "GET" or "HEAD"))
            {
                // A protected DAV method worked without credentials: the server asks for none (Xandikos).
                _scheme = DavAuthScheme.None;
            }

            return new DavResponse((int)response.StatusCode, text, all, uri) { ReadAsWindows1252 = readAsWindows1252 };
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TransientTargetException(
                $"The server {uri.GetLeftPart(UriPartial.Authority)} did not answer {method} within {_options.Timeout.TotalSeconds:0} s.",
                innerException: ex);
        }
        catch (HttpRequestException ex)
        {
            throw new TransientTargetException(
                $"The server {uri.GetLeftPart(UriPartial.Authority)} could not be reached ({ex.HttpRequestError}): {ex.Message}",
                innerException: ex);
        }
    }

    private void AddAuthorization(HttpRequestMessage request, string method, Uri uri)
    {
        if (_digest is null)
        {
            return;
        }

        switch (_scheme)
        {
            case DavAuthScheme.Basic:
                var raw = Encoding.UTF8.GetBytes($"{_options.UserName}:{_options.Password}");
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(raw));
                break;
            case DavAuthScheme.Digest:
                if (_digest.CreateHeader(method, uri.PathAndQuery) is { } header)
                {
                    request.Headers.TryAddWithoutValidation("Authorization", header);
                }

                break;
        }
    }

    private async Task<(string Text, bool ReadAsWindows1252)> ReadCappedAsync(HttpResponseMessage response, string method, Uri uri, CancellationToken cancellationToken)
    {
        var cap = _options.MaxResponseBytes;
        if (response.Content.Headers.ContentLength is { } length && length > cap)
        {
            throw new DavProtocolException(
                $"The answer of {uri} is {length} bytes, more than the limit of {cap} bytes (option maxResponseBytes).");
        }

        var buffer = new MemoryStream();
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > cap)
                {
                    throw new DavProtocolException(
                        $"The answer of {uri} is larger than the limit of {cap} bytes (option maxResponseBytes).");
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (IOException ex)
        {
            buffer.Dispose();
            throw new TransientTargetException(
                $"The connection to the server {uri.GetLeftPart(UriPartial.Authority)} broke while it sent the answer to {method} {uri.AbsolutePath}.",
                innerException: ex);
        }

        try
        {
            buffer = ContentCoding.UndoAll(buffer, response.Content.Headers.ContentEncoding, cap);
        }
        catch (ContentCodingException ex)
        {
            throw ex.Problem switch
            {
                ContentCodingProblem.Unknown => new DavProtocolException($"The server at {uri} sent a body in the content coding '{ex.Coding}', which ProadSync cannot read."),
                ContentCodingProblem.Corrupt => new TransientTargetException(
                    $"The server at {uri} sent a body marked as {ex.Coding} that could not be decompressed.", innerException: ex.InnerException),
                _ => new DavProtocolException($"The answer of {uri} is larger than the limit of {cap} bytes once decompressed (option maxResponseBytes)."),
            };
        }

        using (buffer)
        {
            var text = BodyText.Decode(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), response.Content.Headers.ContentType?.CharSet, out var readAsWindows1252);
            return (text, readAsWindows1252);
        }
    }
}
