using System.Globalization;
using ProadSync.FaultProxy;

// proadsync-faultproxy --upstream http://127.0.0.1:5232/ [--port N] [--seed S] [--rate R] [--kinds a,b] [--max-delay-ms N]
// Runs until Ctrl+C (or --seconds N), then prints the faults it injected.
var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 0; i + 1 < args.Length; i += 2)
{
    options[args[i]] = args[i + 1];
}

if (!options.TryGetValue("--upstream", out var upstream))
{
    await Console.Error.WriteLineAsync("usage: proadsync-faultproxy --upstream http://127.0.0.1:PORT/ [--port N] [--seed S] [--rate 0.1] [--kinds Delay,Status503,…] [--max-delay-ms 1000] [--seconds N]");
    await Console.Error.WriteLineAsync("kinds: " + string.Join(", ", Enum.GetNames<FaultKind>()));
    return 2;
}

var c = CultureInfo.InvariantCulture;
FaultProxyOptions proxyOptions;
try
{
    proxyOptions = new FaultProxyOptions
    {
        Upstream = new Uri(upstream),
        Port = options.TryGetValue("--port", out var p) ? int.Parse(p, c) : 0,
        Seed = options.TryGetValue("--seed", out var s) ? int.Parse(s, c) : 1,
        FaultRate = options.TryGetValue("--rate", out var r) ? double.Parse(r, c) : 0.1,
        Kinds = options.TryGetValue("--kinds", out var k) ? k.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Enum.Parse<FaultKind>).ToList() : Enum.GetValues<FaultKind>(),
        MaxDelay = options.TryGetValue("--max-delay-ms", out var d) ? TimeSpan.FromMilliseconds(int.Parse(d, c)) : TimeSpan.FromSeconds(1),
    };
    FaultProxyServer.RequireLoopback(proxyOptions.Upstream);
}
catch (Exception ex) when (ex is FormatException or ArgumentException or UriFormatException or OverflowException)
{
    await Console.Error.WriteLineAsync("The options are invalid: " + ex.Message);
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
if (options.TryGetValue("--seconds", out var seconds))
{
    stop.CancelAfter(TimeSpan.FromSeconds(double.Parse(seconds, c)));
}

await using var proxy = await FaultProxyServer.StartAsync(proxyOptions, CancellationToken.None);
Console.WriteLine($"proxy {proxy.BaseUrl} -> {proxyOptions.Upstream} (seed {proxyOptions.Seed}, rate {proxyOptions.FaultRate.ToString(c)})");
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
}

Console.WriteLine(proxy.Counters.ToString());
return 0;
