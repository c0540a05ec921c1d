namespace ProadSync.Benchmark.Proxy;

/// <summary>What the counting proxy saw: requests, body bytes to and from the server, requests per method.</summary>
/// <param name="Requests">Requests forwarded.</param>
/// <param name="BytesSent">Request body bytes (client → server).</param>
/// <param name="BytesReceived">Response body bytes (server → client).</param>
/// <param name="ByMethod">Requests per HTTP method.</param>
/// <param name="ServerSeconds">The sum of the server's answer times as the proxy saw them (request sent → answer read).</param>
internal sealed record ProxyStats(long Requests, long BytesSent, long BytesReceived, IReadOnlyDictionary<string, long> ByMethod, double ServerSeconds = 0)
{
    /// <summary>Nothing counted.</summary>
    public static ProxyStats Empty { get; } = new(0, 0, 0, new Dictionary<string, long>());

    /// <summary>What happened between <paramref name="before"/> and this snapshot.</summary>
    /// <param name="before">The earlier snapshot.</param>
    /// <returns>The difference.</returns>
    public ProxyStats Since(ProxyStats before)
    {
        var methods = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (method, n) in ByMethod)
        {
            var d = n - before.ByMethod.GetValueOrDefault(method);
            if (d != 0)
            {
                methods[method] = d;
            }
        }

        return new ProxyStats(Requests - before.Requests, BytesSent - before.BytesSent, BytesReceived - before.BytesReceived, methods, ServerSeconds - before.ServerSeconds);
    }

    /// <summary>The methods as a short text (<c>PROPFIND 1, PUT 10</c>).</summary>
    /// <returns>The text.</returns>
    public string MethodsText() => ByMethod.Count == 0 ? "-" : string.Join(", ", ByMethod.Select(m => $"{m.Key} {m.Value}"));
}
