namespace ProadSync.Cli;

/// <summary>What a command line invocation talks to; tests pass their own writers, environment and clock.</summary>
/// <param name="Out">Standard output.</param>
/// <param name="Error">Standard error.</param>
/// <param name="In">Standard input.</param>
/// <param name="GetVariable">Reads an environment variable.</param>
/// <param name="Time">The clock.</param>
internal sealed record CliEnvironment(TextWriter Out, TextWriter Error, TextReader In, Func<string, string?> GetVariable, TimeProvider Time)
{
    /// <summary>Where built-in plugins live; defaults to <c>plugins/</c> beside the executable.</summary>
    public string BuiltInPluginsDirectory { get; init; } = Path.Combine(AppContext.BaseDirectory, "plugins");

    /// <summary>Whether log lines also go to the console (stderr).</summary>
    public bool LogToConsole { get; init; } = true;

    public static CliEnvironment FromConsole() =>
        new(Console.Out, Console.Error, Console.In, Environment.GetEnvironmentVariable, TimeProvider.System);
}
