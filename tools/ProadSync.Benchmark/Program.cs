using ProadSync.Benchmark;
using ProadSync.Benchmark.Proxy;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

if (args.Length == 2 && args[0] == "proxy")
{
    // The child process: the counting proxy, until standard input closes.
    await using var proxy = await CountingProxy.StartAsync(new Uri(args[1]), cancel.Token);
    Console.WriteLine("LISTENING " + proxy.BaseUrl);
    await Console.In.ReadToEndAsync(cancel.Token);
    return 0;
}

try
{
    if (args.Length == 1 && args[0] == ProadSync.Benchmark.Runs.ProadSyncProcess.Command)
    {
        // The child: one ProadSync series in a cold process (request on standard input).
        return await ProadSync.Benchmark.Runs.ProadSyncProcess.ChildAsync(Console.In, Console.Out, cancel.Token);
    }

    var options = BenchmarkOptions.Parse(args);
    if (options.Help)
    {
        Console.WriteLine(BenchmarkOptions.Usage);
        return 0;
    }

    return await BenchmarkRunner.RunAsync(options, Console.Out, cancel.Token);
}
catch (BenchmarkException ex)
{
    await Console.Error.WriteLineAsync("benchmark: " + ex.Message);
    return 1;
}
catch (OperationCanceledException)
{
    await Console.Error.WriteLineAsync("benchmark: cancelled.");
    return 130;
}
