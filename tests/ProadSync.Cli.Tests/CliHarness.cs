using System.Reflection;
using System.Text.Json;
using ProadSync.Cli;

namespace ProadSync.Cli.Tests;

/// <summary>Runs the real command line in-process against a temporary home folder.</summary>
internal sealed class CliHarness : IDisposable
{
    public CliHarness()
    {
        Home = Path.Combine(Path.GetTempPath(), "proadsync-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Home);
    }

    public string Home { get; }

    public Dictionary<string, string> Variables { get; } = new(StringComparer.Ordinal);

    public TimeProvider Time { get; set; } = TimeProvider.System;

    public static string RepoRoot =>
        typeof(CliHarness).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    public static string BuiltInPlugins => Path.Combine(RepoRoot, "artifacts", "plugins");

    public async Task<CliResult> RunAsync(params string[] args) => await RunWithInputAsync("", args);

    public async Task<CliResult> RunWithInputAsync(string input, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var environment = new CliEnvironment(output, error, new StringReader(input), name => Variables.TryGetValue(name, out var v) ? v : null, Time)
        {
            BuiltInPluginsDirectory = BuiltInPlugins,
            LogToConsole = false,
        };
        var exit = await CliApp.RunAsync(["--home", Home, .. args], environment, CancellationToken.None);
        return new CliResult(exit, output.ToString(), error.ToString());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Home, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

internal sealed record CliResult(int ExitCode, string Out, string Error)
{
    public JsonElement Json => JsonDocument.Parse(Out).RootElement;

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Error}";
}
