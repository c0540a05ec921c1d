using System.Globalization;
using System.Reflection;
using ProadSync.Chaos;
using ProadSync.Core.Leading;

// proadsync-chaos [chaos|crash] [options]   (see docs/reliability.md)
var c = CultureInfo.InvariantCulture;
var command = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : "chaos";
var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = command == "chaos" && (args.Length == 0 || args[0].StartsWith('-')) ? 0 : 1; i + 1 < args.Length; i += 2)
{
    options[args[i]] = args[i + 1];
}

string Opt(string name, string fallback) => options.TryGetValue(name, out var v) ? v : fallback;
var repoRoot = typeof(ChaosRunner).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;
var configuration = typeof(ChaosRunner).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Configuration").Value!;
var work = Path.Combine(Path.GetTempPath(), "proadsync-chaos-" + Environment.ProcessId);
Directory.CreateDirectory(work);
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

try
{
    switch (command)
    {
        case "chaos":
        {
            var target = Opt("--target", "vdir");
            DavServer? server = target == "vdir" ? null : DavServer.FromEnvFile(Opt("--env", Path.Combine(Path.GetTempPath(), "proadsync-dav", "servers.env")), target);
            var chaos = new ChaosOptions
            {
                Seed = int.Parse(Opt("--seed", "1"), c),
                Rounds = int.Parse(Opt("--rounds", "25"), c),
                LeadingOpsPerRound = int.Parse(Opt("--leading-ops", "8"), c),
                ExternalOpsPerRound = int.Parse(Opt("--external-ops", "5"), c),
                FaultedRunsPerRound = int.Parse(Opt("--faulted-runs", "2"), c),
                FaultRate = double.Parse(Opt("--fault-rate", "0.15"), c),
                Modes = Opt("--modes", "export,one-way,two-way,full").Split(',').Select(m => m switch
                {
                    "export" => SyncMode.Export,
                    "one-way" => SyncMode.OneWay,
                    "two-way" => SyncMode.TwoWay,
                    "full" => SyncMode.Full,
                    _ => throw new ArgumentException($"unknown mode '{m}'"),
                }).ToList(),
                Server = server,
                PluginDirectory = Path.Combine(repoRoot, "artifacts", "plugins"),
                WorkDirectory = work,
                Log = Console.Out,
                ProxyTrace = options.ContainsKey("--trace") ? line => Console.WriteLine("  proxy: " + line) : null,
            };
            var result = await new ChaosRunner(chaos).RunAsync(cancel.Token);
            Console.WriteLine(result);
            return result.Violations.Count == 0 ? 0 : 1;
        }

        case "crash":
        {
            var target = Opt("--target", "vdir");
            DavServer? server = target == "vdir" ? null : DavServer.FromEnvFile(Opt("--env", Path.Combine(Path.GetTempPath(), "proadsync-dav", "servers.env")), target);
            var crash = new CrashOptions
            {
                Seed = int.Parse(Opt("--seed", "1"), c),
                Items = int.Parse(Opt("--items", "1000"), c),
                PushKills = int.Parse(Opt("--push-kills", "10"), c),
                UpdateKills = int.Parse(Opt("--update-kills", "10"), c),
                UpdateEdits = int.Parse(Opt("--update-edits", "100"), c),
                Server = server,
                CliPath = Opt("--cli", CrashOptions.DefaultCliPath(repoRoot, configuration)),
                PluginDirectory = Path.Combine(repoRoot, "artifacts", "plugins"),
                WorkDirectory = work,
                Log = Console.Out,
            };
            var result = await new CrashRunner(crash).RunAsync(cancel.Token);
            Console.WriteLine(result);
            return result.Violations.Count == 0 ? 0 : 1;
        }

        default:
            await Console.Error.WriteLineAsync("usage: proadsync-chaos chaos [--target vdir|radicale|davical|xandikos] [--env servers.env] [--seed N] [--rounds N] [--modes export,one-way,two-way,full] [--fault-rate R] [--trace 1]");
            await Console.Error.WriteLineAsync("       proadsync-chaos crash [--target vdir|davical|radicale] [--env servers.env] [--seed N] [--items 1000] [--push-kills 10] [--update-kills 10] [--update-edits 100]");
            return 2;
    }
}
finally
{
    try
    {
        Directory.Delete(work, recursive: true);
    }
    catch (IOException)
    {
    }
}
